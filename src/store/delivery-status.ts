import type { DeliveryStatus, InboundItem } from '../platforms/types.js';
import type { Sql } from './database.js';

/**
 * The delivery state machine's data: a message row's `delivery_status` is the highest-ranked status
 * stored for it (`delivery_status_rank`: sent < delivered < read < played < failed), applied by the
 * worker's filing step (`fileItems`). The status rows themselves are never changed; they are the
 * message's timeline (`listStatusTimeline`).
 */

export type DeliveryError = NonNullable<InboundItem['error']>;

/** One status event of a message, as the platform reported it. */
export interface StatusEvent {
  /** The status row's id. */
  id: number;
  status: DeliveryStatus;
  at: Date;
  error: DeliveryError | null;
}

/** Which message: the platform's id for it, on one platform and business account. */
export interface MessageRef {
  platform: string;
  account: string | null;
  externalId: string;
}

/** Every status event stored for one message, in platform time (rank breaks a tie within a second). */
export async function listStatusTimeline(sql: Sql, message: MessageRef): Promise<StatusEvent[]> {
  const rows = await sql<StatusEventRow[]>`
    select ${statusEventColumns(sql)}
    from messages
    where kind = 'status' and platform = ${message.platform} and subject_external_id = ${message.externalId}
      and account is not distinct from ${message.account}
    order by platform_timestamp, delivery_status_rank(status), id`;
  return rows.map(toStatusEvent);
}

/** A status item with the message it is about (`messageId` null while that message is unknown here). */
export interface StatusOfMessage {
  status: StatusEvent;
  message: MessageRef;
  messageId: number | null;
}

/** Status items by row id, each with the id of the message it is about. */
export async function selectStatusesById(sql: Sql, ids: number[]): Promise<Map<number, StatusOfMessage>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<
    (StatusEventRow & {
      platform: string;
      account: string | null;
      subject_external_id: string;
      message_id: string | null;
    })[]
  >`
    select ${statusEventColumns(sql)}, s.platform, s.account, s.subject_external_id,
           (select m.id from messages m
            where m.kind = 'message' and m.platform = s.platform and m.account is not distinct from s.account
              and m.external_id = s.subject_external_id) as message_id
    from messages s
    where s.id = any(${ids}::bigint[]) and s.kind = 'status'`;
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        status: toStatusEvent(r),
        message: { platform: r.platform, account: r.account, externalId: r.subject_external_id },
        messageId: r.message_id === null ? null : Number(r.message_id),
      },
    ]),
  );
}

interface StatusEventRow {
  id: string;
  status: DeliveryStatus;
  platform_timestamp: Date;
  error: DeliveryError | null;
}

/** A status row's columns; its error as the filing step reads it (`applyBatchStatuses`). */
function statusEventColumns(sql: Sql) {
  return sql`id, status, platform_timestamp, coalesce(error, raw -> 'errors' -> 0) as error`;
}

function toStatusEvent(r: StatusEventRow): StatusEvent {
  return { id: Number(r.id), status: r.status, at: r.platform_timestamp, error: r.error };
}

/**
 * The delivery state machine: a status moves its message forward (the best of the batch's statuses
 * per message); `applyStoredStatuses` gives a message the best status stored before it arrived (SQS
 * does not keep order). A status applies only to a message of its own channel: an unrouted one, which any app's
 * secret can sign for any account, never touches a channel's message. The rank check sits in each UPDATE's WHERE, so it holds under concurrency: a worker that
 * waits on the row lock re-checks it against what the other committed, and a lower status cannot
 * land last. Nothing outranks `failed`.
 */
export async function applyBatchStatuses(sql: Sql, ids: number[]): Promise<void> {
  await sql`
    update messages m
    set delivery_status = s.status, delivery_status_at = s.platform_timestamp, delivery_error = coalesce(s.error, s.raw -> 'errors' -> 0)
    from (select distinct on (platform, account, channel_id, subject_external_id) * from messages
          where id = any(${ids}::bigint[]) and kind = 'status'
          order by platform, account, channel_id, subject_external_id, delivery_status_rank(status) desc, platform_timestamp desc) s
    where m.kind = 'message' and m.platform = s.platform and m.account is not distinct from s.account
      and m.channel_id is not distinct from s.channel_id and m.external_id = s.subject_external_id
      and delivery_status_rank(s.status) > delivery_status_rank(m.delivery_status)`;
}

/** The event types that may carry a Messenger watermark (`applyWatermarks`). */
export const WATERMARK_EVENT_TYPES: readonly string[] = ['read', 'delivery'];

/**
 * Messenger reports reads, and some deliveries, as a watermark rather than per message: everything
 * the Page sent in the conversation up to that time. Such an event moves the conversation's outbound
 * messages sent by then forward, read where the read watermark covers them, else delivered.
 */
export async function applyWatermarks(sql: Sql, ids: number[]): Promise<void> {
  await sql`
    update messages m
    set delivery_status = w.status, delivery_status_at = w.at, delivery_error = null
    from (select o.id, case when o.platform_timestamp <= r.read_up_to then 'read' else 'delivered' end as status, r.at
          from (select conversation_id, max(platform_timestamp) as at,
                       max(case when type = 'read' then up_to end) as read_up_to,
                       max(up_to) as any_up_to
                from (select conversation_id, type, platform_timestamp,
                             to_timestamp((content -> 'extra' ->> 'watermark')::numeric / 1000) as up_to
                      from messages
                      where id = any(${ids}::bigint[]) and kind = 'event' and type = any(${[...WATERMARK_EVENT_TYPES]}::text[])
                        and conversation_id is not null and content -> 'extra' ? 'watermark') e
                group by conversation_id) r
          join messages o on o.conversation_id = r.conversation_id and o.kind = 'message' and o.direction = 'outbound'
                         and o.platform_timestamp <= r.any_up_to) w
    where m.id = w.id and delivery_status_rank(w.status) > delivery_status_rank(m.delivery_status)`;
}

/**
 * Moves messages to the best status already stored for them: for messages filed after their
 * statuses, and for a reply whose platform id is only now known (its statuses may have come first).
 */
export async function applyStoredStatuses(sql: Sql, ids: number[]): Promise<void> {
  await sql`
    update messages m
    set delivery_status = b.status, delivery_status_at = b.platform_timestamp, delivery_error = coalesce(b.error, b.raw -> 'errors' -> 0)
    from (select distinct on (t.id) t.id as target, s.status, s.platform_timestamp, s.error, s.raw
          from messages t
          join messages s on s.kind = 'status' and s.platform = t.platform and s.subject_external_id = t.external_id
                         and s.account is not distinct from t.account and s.channel_id is not distinct from t.channel_id
          where t.id = any(${ids}::bigint[]) and t.kind = 'message' and delivery_status_rank(s.status) > 0
          order by t.id, delivery_status_rank(s.status) desc, s.platform_timestamp desc) b
    where m.id = b.target and delivery_status_rank(b.status) > delivery_status_rank(m.delivery_status)`;
}
