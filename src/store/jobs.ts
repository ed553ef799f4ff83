import type { JSONValue } from 'postgres';
import type { JobKind, NewJob } from '../jobs/types.js';
import type { PlatformName } from '../platforms/types.js';
import type { Sql } from './database.js';
import type { QueueUnit } from './ingest.js';

/** A queue row joined to its message: an inbound item's (no job) or a job's. */
interface QueueRow {
  id: string;
  message_id: string;
  job: JobKind | null;
  job_group: string | null;
  platform: PlatformName;
  conversation_key: string | null;
  subject_external_id: string;
}

/** Stores jobs as pending queue rows (inside the caller's transaction); the outbox sends them after commit. */
export async function insertJobs(sql: Sql, jobs: NewJob[]): Promise<QueueUnit[]> {
  if (jobs.length === 0) return [];
  const input = jobs.map((j) => ({
    message_id: j.messageId,
    job: j.kind,
    job_payload: j.payload,
    job_group: j.group ?? null,
  }));
  const rows = await sql<QueueRow[]>`
    with inserted as (
      insert into queue_logs (message_id, job, job_payload, job_group)
      select message_id, job, job_payload, job_group
      from jsonb_to_recordset(${sql.json(input as JSONValue)}::jsonb) as j(message_id bigint, job text, job_payload jsonb, job_group text)
      returning id, message_id, job, job_group
    )
    select i.id, i.message_id, i.job, i.job_group, m.platform, m.conversation_key, m.subject_external_id
    from inserted i join messages m on m.id = i.message_id
    order by i.id`;
  return rows.map(jobUnit);
}

export function jobUnit(row: QueueRow): QueueUnit {
  return {
    queueLogId: Number(row.id),
    messageId: Number(row.message_id),
    platform: row.platform,
    conversationKey: row.conversation_key,
    externalId: row.subject_external_id,
    ...(row.job ? { job: row.job, group: row.job_group } : {}),
  };
}

/** A job row's payload (null when the row is gone or is not a job). */
export async function selectJobPayload(sql: Sql, queueLogId: number): Promise<Record<string, unknown> | null> {
  const [row] = await sql<{ job_payload: Record<string, unknown> | null }[]>`
    select job_payload from queue_logs where id = ${queueLogId} and job is not null`;
  return row?.job_payload ?? null;
}
