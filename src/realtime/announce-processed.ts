import { SpanKind } from '@opentelemetry/api';
import { databaseAttributes, inSpan } from '../observability/tracing-spans.js';
import type { Sql } from '../store/database.js';
import {
  EVENTS_CHANNEL,
  type ItemEventName,
  type ProcessedEvent,
  type ProcessedEventRow,
  toProcessedEvent,
} from './processed-event.js';

/**
 * Serialises the tail of every processing transaction (stamp, notify, commit) across all
 * processes, so `event_seq` order is commit order and NOTIFY delivery order: a client that has
 * seen seq N has seen everything committed before it, and "after N" is a gap-free catch-up.
 * The key is arbitrary; it only has to be the same everywhere.
 */
const EVENT_ORDER_LOCK = 7_364_210_001;

/**
 * Takes the event-order lock until the transaction ends. Every announcement (processed items,
 * conversation changes) takes it before drawing its seqs, so seq order is commit order.
 */
export async function lockEventOrder(tx: Sql): Promise<void> {
  await tx`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK}::bigint)`;
}

/** Stays well under PostgreSQL's 8000-byte NOTIFY payload limit. */
const MAX_PAYLOAD_BYTES = 7000;

/** What each processed queue row will be announced as, by queue row id (`nameProcessed`). */
export type ProcessedNames = ReadonlyMap<number, { name: ItemEventName; messageId: number }>;

/**
 * Names the event each processed queue row makes, without the event-order lock: a job's change,
 * a status, an event, a conversation's first message or a later one. The name depends only on
 * the rows' own conversations, which the filing has locked, so it is the same before the lock as
 * under it; naming first keeps the lock's hold (stamp, notify, commit) short.
 */
export async function nameProcessed(tx: Sql, queueLogIds: number[]): Promise<ProcessedNames> {
  if (queueLogIds.length === 0) return new Map();
  const rows = await tx<{ id: string; message_id: string; name: ItemEventName }[]>`
    select q.id, m.id as message_id, case
        when q.job is not null then 'message.updated'
        when m.kind = 'status' then 'status.changed'
        when m.kind = 'event' then (case when m.type in ('reaction', 'edit', 'delete') then 'message.updated' else 'event.received' end)
        -- A conversation's first message: no other message is filed in it but this announcement's
        -- own, and of those this is the first.
        when m.conversation_id is not null and not exists (
          select 1 from messages o
          where o.conversation_id = m.conversation_id and o.kind = 'message' and o.id <> m.id
            and (o.id < m.id or not exists (select 1 from queue_logs b where b.id = any(${queueLogIds}::bigint[]) and b.message_id = o.id))
        ) then 'conversation.created'
        else 'message.received' end as name
    from queue_logs q join messages m on m.id = q.message_id
    where q.id = any(${queueLogIds}::bigint[])`;
  return new Map(rows.map((r) => [Number(r.id), { name: r.name, messageId: Number(r.message_id) }]));
}

/** The messages among `names` that start a conversation. */
export function conversationStarters(names: ProcessedNames): Set<number> {
  return new Set([...names.values()].filter((n) => n.name === 'conversation.created').map((n) => n.messageId));
}

/**
 * Stamps the processed queue rows with the next event seqs and NOTIFYs them on `omni_events`, under
 * the names `nameProcessed` gave them (named here when not given).
 * Call it last, inside the processing transaction: pg_notify is transactional, so listeners hear
 * of the items only if the transaction commits. The rows are already locked by `claimProcessed` (or a job's `markProcessed`),
 * so the lock taken here is the only new one (no deadlock with concurrent filing).
 */
export async function announceProcessed(
  tx: Sql,
  queueLogIds: number[],
  names?: ProcessedNames,
): Promise<ProcessedEvent[]> {
  if (queueLogIds.length === 0) return [];
  const attributes = { ...databaseAttributes('NOTIFY', 'announce omni_events'), 'omni.items': queueLogIds.length };
  const named = names ?? (await nameProcessed(tx, queueLogIds));
  return inSpan('announce processed', { kind: SpanKind.CLIENT, attributes }, () => stampAndNotify(tx, named));
}

async function stampAndNotify(tx: Sql, names: ProcessedNames): Promise<ProcessedEvent[]> {
  const ids = [...names.keys()];
  const eventNames = [...names.values()].map((n) => n.name);
  // The lock and the stamp go out together: one round trip, the stamp running once the lock is held.
  const [, rows] = await Promise.all([
    lockEventOrder(tx),
    tx<ProcessedEventRow[]>`
      update queue_logs q set event_seq = nextval('queue_logs_event_seq'), event_name = n.name
      from unnest(${ids}::bigint[], ${eventNames}::text[]) as n(id, name), messages m
      where q.id = n.id and m.id = q.message_id
      returning q.event_seq, q.event_name, m.id as message_id, m.conversation_id, m.channel_id, m.kind, m.platform, m.type`,
  ]);
  const events = rows.map(toProcessedEvent).sort((a, b) => a.seq - b.seq);
  // One statement per payload, in seq order (the connection keeps it), so listeners receive them in
  // that order; sent together, one round trip.
  await Promise.all(payloadsOf(events).map((payload) => tx`select pg_notify(${EVENTS_CHANNEL}, ${payload})`));
  return events;
}

/** JSON arrays of consecutive events, each under the payload limit (one, for a worker's batch). */
function payloadsOf(events: ProcessedEvent[]): string[] {
  const payloads: string[] = [];
  let chunk: string[] = [];
  let bytes = 2;
  for (const event of events) {
    const json = JSON.stringify(event);
    const size = Buffer.byteLength(json) + 1;
    if (chunk.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
      payloads.push(`[${chunk.join(',')}]`);
      chunk = [];
      bytes = 2;
    }
    chunk.push(json);
    bytes += size;
  }
  if (chunk.length > 0) payloads.push(`[${chunk.join(',')}]`);
  return payloads;
}
