import type { Command } from 'commander';
import { OmniError } from '../../errors.js';
import { type MergeOutcome, mergeContacts, unmergeContact } from '../../store/contact-merges.js';
import { listMergeSuggestions } from '../../store/merge-suggestions.js';
import { contactId } from '../arguments.js';
import { cliAuditedBy } from '../audit-actor.js';
import { runCommand, withDatabase } from '../context.js';

/** The line a merge or an unmerge prints, or the error naming the contact that does not exist. */
function outcomeLine(outcome: MergeOutcome, done: string, unchanged: string): string {
  if ('missing' in outcome) throw new OmniError('OMNI_ERR_CLI_NOT_FOUND', `no contact ${outcome.missing}`);
  return `${outcome.changed ? done : unchanged}\n`;
}

/** `omni contact merge|unmerge|suggestions`: one person across channels, as the API's merge routes. */
export function registerContactMerges(contact: Command): void {
  contact
    .command('merge <id>')
    .description(
      "Merge a contact into another: the person's conversations then show together on either. Nothing is rewritten; unmerge undoes it",
    )
    .requiredOption('--into <id>', 'the contact to merge it into')
    .action((id: string, options: { into: string }) =>
      runCommand(async () => {
        const ids = { contactId: contactId(id), intoId: contactId(options.into, '--into') };
        const outcome = await withDatabase((sql) => mergeContacts(sql, ids, 'all', cliAuditedBy()));
        const into = `merged into contact ${ids.intoId}`;
        process.stdout.write(
          outcomeLine(outcome, `contact ${ids.contactId} ${into}`, `contact ${ids.contactId} was already ${into}`),
        );
      }),
    );
  contact
    .command('unmerge <id>')
    .description('Undo the merge of a contact: it stands on its own again, with its own conversations')
    .action((id: string) =>
      runCommand(async () => {
        const wanted = contactId(id);
        const outcome = await withDatabase((sql) => unmergeContact(sql, wanted, 'all', cliAuditedBy()));
        process.stdout.write(outcomeLine(outcome, `contact ${wanted} unmerged`, `contact ${wanted} is not merged`));
      }),
    );
  contact
    .command('suggestions')
    .description(
      'List the contacts that look like one person (a Telegram user shared the phone number of a WhatsApp contact), one line each; Omni never merges them on its own',
    )
    .option('--contact <id>', 'only the suggestions naming this contact')
    .action((options: { contact?: string }) =>
      runCommand(async () => {
        const only = options.contact === undefined ? undefined : contactId(options.contact, '--contact');
        const suggestions = await withDatabase((sql) => listMergeSuggestions(sql, 'all', only));
        for (const s of suggestions) {
          process.stdout.write(
            `telegram contact ${s.telegramContactId} and whatsapp contact ${s.whatsappContactId} share ${s.phone} (message ${s.messageId}, ${s.sharedAt.toISOString()})\n`,
          );
        }
      }),
    );
}
