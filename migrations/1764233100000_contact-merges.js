/**
 * One person across channels: a contact (one platform identity) can be merged into another, so the
 * person's conversations show together. The link is the only change: conversations keep their own
 * contact, so unmerging (clearing the link) restores exactly what was there. Links form a tree
 * (a contact merged into one that is itself merged elsewhere); its root stands for the person.
 * `messages_shared_contacts` keeps the Telegram contact messages (whose phone numbers suggest
 * merges) findable without reading the messages table; it holds only those rows.
 *
 * Outside a transaction, as the migrations before it that index `messages`: every webhook writes
 * it, so the index is built concurrently, and each step can run again.
 */
export const up = async (pgm) => {
  pgm.noTransaction();
  pgm.sql(`alter table contacts add column if not exists merged_into_id bigint references contacts (id)`);
  await createIndex(pgm, 'contacts_merged_into', `on contacts (merged_into_id) where merged_into_id is not null`);
  await createIndex(
    pgm,
    'messages_shared_contacts',
    `on messages (sender) where platform = 'telegram' and type = 'contacts' and kind = 'message'`,
  );
};

/** A concurrent build that failed leaves an invalid index behind: drop it, then build again. */
async function createIndex(pgm, name, definition) {
  const invalid = await pgm.db.select(
    `select 1 from pg_index where indexrelid = to_regclass($1) and not indisvalid`,
    [name],
  );
  if (invalid.length > 0) pgm.sql(`drop index concurrently if exists ${name}`);
  pgm.sql(`create index concurrently if not exists ${name} ${definition}`);
}

export const down = (pgm) => {
  pgm.noTransaction();
  pgm.sql(`drop index concurrently if exists messages_shared_contacts`);
  pgm.sql(`drop index concurrently if exists contacts_merged_into`);
  pgm.sql(`alter table contacts drop column if exists merged_into_id`);
};
