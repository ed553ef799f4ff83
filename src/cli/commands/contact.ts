import { OmniError } from '../../errors.js';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { pino } from 'pino';
import { createConfiguredMediaStore } from '../../media/configured-media-store.js';
import { eraseContact } from '../../privacy/erase-contact.js';
import { invalidArgument } from '../arguments.js';
import { selectContactExport } from '../../store/contact-export.js';
import { runCommand } from '../context.js';
import { withDatabase } from '../context.js';

/** The `<id>` argument: a contact's id, a whole number from 1. */
export function contactId(value: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id < 1)
    throw invalidArgument(`<id>: ${JSON.stringify(value)} is not a contact id`);
  return id;
}

/** The audit log: stdout is the command's answer, so it goes to stderr. */
const auditLogger = (level: string) => pino({ name: 'omni', level }, pino.destination(2));

/** Who runs the command, for the audit line: the operating system's user. */
function operator(): string {
  try {
    return `cli ${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export function registerContact(program: Command): void {
  const contact = program.command('contact').description("A person's data: export it, or erase it");
  contact
    .command('export <id>')
    .description(
      'Print everything Omni holds about a contact as one JSON document: the contact, its conversations, its messages (with statuses and events) and its attachments’ metadata',
    )
    .action((id: string) =>
      runCommand(async () => {
        const wanted = contactId(id);
        const exported = await withDatabase(async (sql, config) => {
          const found = await selectContactExport(sql, wanted, 'all');
          if (found)
            auditLogger(config.logLevel).info(
              { audit: 'contact.exported', contactId: wanted, exportedBy: operator() },
              'contact exported',
            );
          return found;
        });
        if (!exported) throw new OmniError('OMNI_ERR_CLI_NOT_FOUND', `no contact ${id}`);
        process.stdout.write(`${JSON.stringify(exported, null, 2)}\n`);
      }),
    );
  contact
    .command('erase <id>')
    .description(
      'Erase a contact’s personal data everywhere Omni holds it (profile, messages, raw webhooks, queued bodies, stored files), leaving an anonymous tombstone; prints what it erased as JSON. Safe to run again: a run that could not delete every file is finished by the next',
    )
    .action((id: string) =>
      runCommand(async () => {
        const wanted = contactId(id);
        const erasure = await withDatabase((sql, config) =>
          eraseContact(
            {
              sql,
              mediaStore: createConfiguredMediaStore(config),
              logger: auditLogger(config.logLevel),
            },
            wanted,
            operator(),
          ),
        );
        if (!erasure) throw new OmniError('OMNI_ERR_CLI_NOT_FOUND', `no contact ${id}`);
        process.stdout.write(`${JSON.stringify(erasure)}\n`);
      }),
    );
}
