import { queueLag } from '../observability/metrics.js';
import type { Sql } from './database.js';
import type { QueueUnit } from './ingest.js';
import { jobUnit } from './jobs.js';

/** Marks rows as handed to SQS. Only a still-pending row moves: a fast worker may already be past it. */
export async function markQueued(sql: Sql, sent: { queueLogId: number; sqsMessageId?: string }[]): Promise<void> {
  if (sent.length === 0) return;
  await sql`
    update queue_logs q set status = 'queued', queued_at = now(), updated_at = now(), sqs_message_id = s.sqs_id
    from (select unnest(${sent.map((s) => s.queueLogId)}::bigint[]) as id,
                 unnest(${sent.map((s) => s.sqsMessageId ?? null)}::text[]) as sqs_id) s
    where q.id = s.id and q.status = 'pending'`;
}

/**
 * Rows committed but not handed to SQS within `olderThanMs` (the process died between commit and
 * send, or SQS refused). Locked so concurrent relays never pick the same row.
 */
export async function selectStalePending(sql: Sql, olderThanMs: number, limit: number): Promise<QueueUnit[]> {
  const rows = await sql<Parameters<typeof jobUnit>[0][]>`
    select q.id, q.message_id, q.job, q.job_group, m.platform, m.conversation_key, m.subject_external_id
    from queue_logs q join messages m on m.id = q.message_id
    where q.status = 'pending' and q.created_at < now() - make_interval(secs => ${olderThanMs / 1000})
    order by q.created_at
    limit ${limit}
    for update of q skip locked`;
  return rows.map(jobUnit);
}

/**
 * Claims a row for processing, recording the queue's receive count as the attempt number.
 * Returns false when the row is already processed (a duplicate or replayed delivery).
 */
export async function claimQueueLog(sql: Sql, queueLogId: number, attempt: number): Promise<boolean> {
  const rows = await sql`
    update queue_logs set status = 'processing', attempts = ${attempt}, updated_at = now()
    where id = ${queueLogId} and status <> 'processed'
    returning id`;
  return rows.length > 0;
}

/** A processed row's kind (`item`, or its job kind) and its seconds from commit to now, for `omni_queue_lag_seconds`. */
interface ProcessedLag {
  kind: string;
  lag: number;
}

const observeLags = (rows: readonly ProcessedLag[]) => {
  for (const { kind, lag } of rows) queueLag.observe({ kind }, lag);
};

/**
 * Done: processed, or for a job that failed for good, processed with the reason it gave up. Its
 * lag is observed here, where the row's commit time is at hand (clock time: the transaction's
 * `now()` is when it began).
 */
export async function markProcessed(
  sql: Sql,
  queueLogId: number,
  permanentFailure: string | null = null,
): Promise<void> {
  observeLags(
    await sql<ProcessedLag[]>`
      update queue_logs set status = 'processed', processed_at = now(), updated_at = now(), last_error = ${permanentFailure}
      where id = ${queueLogId}
      returning coalesce(job, 'item') as kind, extract(epoch from clock_timestamp() - created_at)::float8 as lag`,
  );
}

/** Records a failed attempt: `dead` once the queue will move it to the DLQ, else `failed` (it retries). */
export async function markFailed(sql: Sql, queueLogId: number, error: string, dead: boolean): Promise<void> {
  await sql`
    update queue_logs set status = ${dead ? 'dead' : 'failed'}, last_error = ${error}, updated_at = now()
    where id = ${queueLogId} and status <> 'processed'`;
}

/** A message replayed from the DLQ is back in the queue. */
export async function markRequeued(sql: Sql, queueLogId: number): Promise<void> {
  await sql`
    update queue_logs set status = 'queued', queued_at = now(), updated_at = now()
    where id = ${queueLogId} and status <> 'processed'`;
}

/**
 * Claims a batch's rows and marks them processed in one statement, inside the processing
 * transaction (which rolls both back if it fails; the caller then handles the items one by one,
 * each claimed on its own). Rows already processed (a duplicate or replayed delivery) are not
 * claimed; the rest stay locked until commit, so a second delivery waits and then finds them
 * processed. Returns the ids claimed. Each row's lag is observed at its claim.
 */
export async function claimProcessed(
  sql: Sql,
  claims: { queueLogId: number; attempt: number }[],
): Promise<Set<number>> {
  const rows = await sql<(ProcessedLag & { id: string })[]>`
    update queue_logs q
    set status = 'processed', attempts = c.attempt, processed_at = now(), updated_at = now(), last_error = null
    from unnest(${claims.map((c) => c.queueLogId)}::bigint[], ${claims.map((c) => c.attempt)}::int[]) as c(id, attempt)
    where q.id = c.id and q.status <> 'processed'
    returning q.id, coalesce(q.job, 'item') as kind, extract(epoch from clock_timestamp() - q.created_at)::float8 as lag`;
  observeLags(rows);
  return new Set(rows.map((r) => Number(r.id)));
}

/** The outbox's backlog: rows committed but not yet sent to SQS, and the oldest one's age in seconds (0: none). */
export async function selectOutboxBacklog(sql: Sql): Promise<{ pending: number; oldestAgeSeconds: number }> {
  const [row] = await sql<{ pending: number; oldest: number }[]>`
    select count(*)::int as pending,
           coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest
    from queue_logs where status = 'pending'`;
  return { pending: row.pending, oldestAgeSeconds: row.oldest };
}
