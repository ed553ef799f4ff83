/**
 * Erasure (GDPR article 17) leaves anonymous tombstones instead of deleting rows, so counts,
 * statuses, conversation order and other contacts' data stay as they were:
 * - a contact keeps its row with `erased_at` (and who erased it, for the audit), no profile, and a
 *   new random identity in place of the platform's user id, so a later webhook from the same person
 *   makes a new contact;
 * - its conversations and messages keep their rows with `erased_at`, their personal columns emptied;
 * - an attachment becomes `erased`: its file is gone and it is never fetched again;
 * - a webhook's raw body that carried the person is dropped (`raw_body_erased_at` says why it is
 *   missing), the audit row itself stays.
 * `media_deletions` holds the stored files an erasure still has to delete: written in the erasure's
 * transaction, emptied as each file goes, so a deletion that fails is finished by the next run.
 * A file is content-addressed and may be shared with another contact's attachment: it is deleted
 * only when nothing stores its key any more.
 */
export const up = (pgm) => {
  // Outside a transaction, one statement at a time, each able to run again (as the retention
  // migration before it): node-pg-migrate otherwise wraps a migration in one transaction, and every
  // ACCESS EXCLUSIVE lock taken in it (each `alter table`) would be held to its end, so the webhook
  // tables below would stay locked while the check scans attachments, or while that ALTER waits for
  // a long transaction on attachments to end.
  pgm.noTransaction();
  pgm.sql(`
    alter table contacts add column if not exists erased_at timestamptz, add column if not exists erased_by text`);
  pgm.sql(`alter table conversations add column if not exists erased_at timestamptz`);
  pgm.sql(`alter table messages add column if not exists erased_at timestamptz`);
  pgm.sql(`alter table webhook_logs add column if not exists raw_body_erased_at timestamptz`);
  // The new check replaces the old one in one statement, NOT VALID: no scan under ACCESS EXCLUSIVE.
  // VALIDATE then scans the table under SHARE UPDATE EXCLUSIVE, which lets writes go on.
  pgm.sql(`
    alter table attachments drop constraint if exists attachments_state_check,
      add constraint attachments_state_check check (state in ('pending', 'stored', 'failed', 'erased')) not valid`);
  pgm.sql(`alter table attachments validate constraint attachments_state_check`);
  pgm.sql(`
    create table if not exists media_deletions (
      storage_key text primary key,
      requested_at timestamptz not null default now()
    )`);
  // Before deleting a file, an erasure checks that no other attachment stores the same bytes: that
  // reads attachments_storage_key, which the retention migration before this one builds.
};

export const down = (pgm) => {
  pgm.sql(`
    drop table media_deletions;
    update attachments set state = 'failed', failure_reason = 'erased' where state = 'erased';
    alter table attachments drop constraint attachments_state_check;
    alter table attachments add constraint attachments_state_check check (state in ('pending', 'stored', 'failed'));
    alter table webhook_logs drop column raw_body_erased_at;
    alter table messages drop column erased_at;
    alter table conversations drop column erased_at;
    alter table contacts drop column erased_by, drop column erased_at;
  `);
};
