import type { Sql } from '../../src/store/database.js';

/**
 * The invariants every fault scenario ends with: each item is stored once (the unique key makes a
 * double impossible, so this counts rows per platform id), and each stored item has exactly one
 * queue row, which is processed or dead once the system has settled.
 */
export async function readLedger(sql: Sql, externalIds: string[]) {
  const [row] = await sql<{ stored: number; doubled: number; unqueued: number; processed: number; dead: number }[]>`
    with wanted as (select unnest(${externalIds}::text[]) as id),
    rows as (select m.id, m.subject_external_id, q.status from messages m left join queue_logs q on q.message_id = m.id
             where m.kind = 'message' and m.subject_external_id in (select id from wanted))
    select count(distinct subject_external_id)::int as stored,
           (count(*) - count(distinct subject_external_id))::int as doubled,
           count(*) filter (where status is null)::int as unqueued,
           count(*) filter (where status = 'processed')::int as processed,
           count(*) filter (where status = 'dead')::int as dead
    from rows`;
  return row;
}
