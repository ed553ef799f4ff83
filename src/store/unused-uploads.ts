import type { Sql } from './database.js';

/**
 * An upload no reply names: replies keep the upload they send in their stored request
 * (`send_request.content.upload`), indexed by id (migration 1764231700000).
 */
const unused = (sql: Sql, before: Date) => sql`
  u.created_at < ${before}
  and not exists (select 1 from messages m
                  where m.send_request is not null and m.send_request #>> '{content,upload,id}' = u.id::text)`;

/** Uploads created before `before` that no reply used: what a prune would remove. */
export async function countUnusedUploads(sql: Sql, before: Date): Promise<number> {
  const [row] = await sql<{ count: string }[]>`select count(*) as count from uploads u where ${unused(sql, before)}`;
  return Number(row.count);
}

/**
 * Deletes at most `limit` uploads created before `before` that no reply used, and returns how many.
 * Their files stay for the media sweep, which removes a file only once nothing uses it (another
 * upload or an attachment may share its content address).
 */
export async function deleteUnusedUploads(sql: Sql, before: Date, limit: number): Promise<number> {
  const deleted = await sql`
    delete from uploads where id in (
      select u.id from uploads u where ${unused(sql, before)}
      order by u.id limit ${limit}
      for update skip locked)
    returning id`;
  return deleted.length;
}
