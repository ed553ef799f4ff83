import type { Sql } from './database.js';

/**
 * Audit rows of requests never verified (a wrong or missing signature, a refused handshake, a body
 * too large to check) received before `before`: what a prune would delete. None of them stored a
 * message.
 */
export async function countUnverifiedBefore(sql: Sql, before: Date): Promise<number> {
  const [row] = await sql<{ count: string }[]>`
    select count(*) as count from webhook_logs where signature <> 'valid' and received_at < ${before}`;
  return Number(row.count);
}

/**
 * Deletes at most `limit` audit rows of unverified requests received before `before`, oldest first:
 * anyone can send those, so unlike a verified row's metadata they are not kept for good. Rows a
 * webhook transaction holds are skipped, never waited for. Returns how many rows it deleted.
 */
export async function deleteUnverifiedBefore(sql: Sql, before: Date, limit: number): Promise<number> {
  const deleted = await sql`
    delete from webhook_logs w
    using (select id from webhook_logs
           where signature <> 'valid' and received_at < ${before}
           order by received_at limit ${limit}
           for update skip locked) batch
    where w.id = batch.id
    returning w.id`;
  return deleted.length;
}

/** Raw bodies of verified requests kept in `webhook_logs` and received before `before`: what a prune would remove. */
export async function countRawBodiesBefore(sql: Sql, before: Date): Promise<number> {
  const [row] = await sql<{ count: string }[]>`
    select count(*) as count from webhook_logs
    where raw_body is not null and signature = 'valid' and received_at < ${before}`;
  return Number(row.count);
}

/**
 * Removes the raw body of at most `limit` verified rows received before `before`, oldest first, and
 * stamps `raw_body_pruned_at`; the row itself (platform, headers, verdict, status) stays as the
 * audit trail. One short statement: rows a webhook transaction holds are skipped, never waited for.
 * Returns how many bodies it removed.
 */
export async function pruneRawBodies(sql: Sql, before: Date, limit: number): Promise<number> {
  const pruned = await sql`
    update webhook_logs w set raw_body = null, raw_body_pruned_at = now()
    from (select id from webhook_logs
          where raw_body is not null and signature = 'valid' and received_at < ${before}
          order by received_at limit ${limit}
          for update skip locked) batch
    where w.id = batch.id
    returning w.id`;
  return pruned.length;
}
