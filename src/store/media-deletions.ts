import type { Sql } from './database.js';

/** The stored files erasures still have to delete (their keys), oldest first. */
export async function selectPendingMediaDeletions(sql: Sql): Promise<string[]> {
  const rows = await sql<
    { storage_key: string }[]
  >`select storage_key from media_deletions order by requested_at, storage_key`;
  return rows.map((r) => r.storage_key);
}

/**
 * Whether anything still stores these bytes: files are content-addressed, so another contact's
 * attachment or avatar (a platform's default picture), or another upload of the same file shares
 * the key, and the file must stay.
 */
export async function storageKeyInUse(sql: Sql, storageKey: string): Promise<boolean> {
  const [row] = await sql<{ used: boolean }[]>`
    select exists (select 1 from attachments where storage_key = ${storageKey})
        or exists (select 1 from uploads where storage_key = ${storageKey})
        or exists (select 1 from contacts where avatar_storage_key = ${storageKey}) as used`;
  return row?.used ?? false;
}

/** The file is gone (or kept because still in use): nothing is left to do for this key. */
export async function removePendingMediaDeletion(sql: Sql, storageKey: string): Promise<void> {
  await sql`delete from media_deletions where storage_key = ${storageKey}`;
}
