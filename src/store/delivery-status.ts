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
