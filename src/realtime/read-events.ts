import type { Sql } from '../store/database.js';
import { toRealtimeEvent, type RealtimeEvent, type RealtimeEventRow } from './processed-event.js';

/** Stored events after a seq; `complete` is false when more than `limit` were waiting. */
export interface EventPage {
  events: RealtimeEvent[];
  complete: boolean;
}

/**
 * The events with `event_seq` above `afterSeq`, in seq order, at most `limit` of them: processed
 * items (queue_logs) and conversation changes (conversation_events) share the one sequence.
 */
export async function selectEventsAfter(sql: Sql, afterSeq: number, limit: number): Promise<EventPage> {
  const rows = await sql<RealtimeEventRow[]>`
    select q.event_seq, q.event_name, m.id as message_id, m.conversation_id, m.channel_id, m.kind, m.platform, m.type,
           null as change
    from queue_logs q join messages m on m.id = q.message_id
    where q.event_seq > ${afterSeq}
    union all
    select e.event_seq, null, null, e.conversation_id, c.channel_id, null, null, null, e.change
    from conversation_events e left join conversations c on c.id = e.conversation_id
    where e.event_seq > ${afterSeq}
    order by event_seq
    limit ${limit + 1}`;
  return { events: rows.slice(0, limit).map(toRealtimeEvent), complete: rows.length <= limit };
}

/** The highest seq announced so far (0 before the first). */
export async function selectLastEventSeq(sql: Sql): Promise<number> {
  const [row] = await sql<{ seq: string }[]>`
    select greatest((select max(event_seq) from queue_logs), (select max(event_seq) from conversation_events), 0) as seq`;
  return Number(row.seq);
}
