import type { Command } from 'commander';
import { pino } from 'pino';
import { OmniError } from '../../errors.js';
import { createConfiguredMediaStore } from '../../media/configured-media-store.js';
import { eraseContact } from '../../privacy/erase-contact.js';
import { exportContact } from '../../privacy/export-contact.js';
import { contactId } from '../arguments.js';
import { cliAuditedBy } from '../audit-actor.js';
import { registerContactMerges } from './contact-merge.js';
import { runCommand, withDatabase } from '../context.js';

/** Warnings of an erasure: stdout is the command's answer, so they go to stderr. */
const stderrLogger = (level: string) => pino({ name: 'omni', level }, pino.destination(2));

export function registerContact(program: Command): void {
  const contact = program
    .command('contact')
    .description("A person's data: export it, erase it, or merge their contacts across channels");
  contact
    .command('export <id>')
    .description(
      'Print everything Omni holds about a contact as one JSON document: the contact, its conversations, its messages (with statuses and events) and its attachments’ metadata',
    )
    .action((id: string) =>
      runCommand(async () => {
        const wanted = contactId(id);
        const exported = await withDatabase((sql) => exportContact(sql, wanted, cliAuditedBy()));
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
              logger: stderrLogger(config.logLevel),
            },
            wanted,
            cliAuditedBy(),
          ),
        );
        if (!erasure) throw new OmniError('OMNI_ERR_CLI_NOT_FOUND', `no contact ${id}`);
        process.stdout.write(`${JSON.stringify(erasure)}\n`);
      }),
    );
  registerContactMerges(contact);
}
