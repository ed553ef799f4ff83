import type { ProcessedEventRow } from '../realtime/processed-event.js';
import { toProcessedEvent, type ProcessedEvent } from '../realtime/processed-event.js';
import type { Sql } from './database.js';

/** Stored events after a seq; `complete` is false when more than `limit` were waiting. */
export interface EventPage {
  events: ProcessedEvent[];
  complete: boolean;
}

/** The events with `event_seq` above `afterSeq`, in seq order, at most `limit` of them. */
export async function selectEventsAfter(sql: Sql, afterSeq: number, limit: number): Promise<EventPage> {
  const rows = await sql<ProcessedEventRow[]>`
    select q.event_seq, m.id as message_id, m.conversation_id, m.kind, m.platform, m.type
    from queue_logs q join messages m on m.id = q.message_id
    where q.event_seq > ${afterSeq}
    order by q.event_seq
    limit ${limit + 1}`;
  return { events: rows.slice(0, limit).map(toProcessedEvent), complete: rows.length <= limit };
}

/** The highest seq announced so far (0 before the first). */
export async function selectLastEventSeq(sql: Sql): Promise<number> {
  const [row] = await sql<{ seq: string }[]>`select coalesce(max(event_seq), 0) as seq from queue_logs`;
  return Number(row!.seq);
}
