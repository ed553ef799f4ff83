import type { DeliveryStatus, InboundItem } from '../platforms/types.js';
import type { Sql } from './database.js';

/**
 * The delivery state machine, applied by the worker. A message row's `delivery_status` is the
 * highest-ranked status stored for it (`delivery_status_rank`: sent < delivered < read < played <
 * failed), so the result does not depend on the order statuses arrive or are processed in: a late
 * `delivered` never replaces `read`, and nothing replaces `failed`. The status rows themselves are
 * never changed; they are the message's timeline (`listStatusTimeline`).
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

/**
 * Moves the message a status row names (same platform, account and message id) to that status if
 * it ranks higher than the message's current one. Returns the message row's id, or null when the
 * message is not stored yet (its own processing applies the status later) or is already at an
 * equal or higher status.
 *
 * The rank check sits in the UPDATE's WHERE so it holds under concurrency: a worker that waits on
 * the row lock re-checks it against the version the other worker committed, so the lower of two
 * simultaneous statuses cannot land last.
 */
export async function applyStatusToMessage(sql: Sql, statusRowId: number): Promise<number | null> {
  const [row] = await sql<{ id: string }[]>`
    update messages m
    set delivery_status = s.status, delivery_status_at = s.platform_timestamp,
        -- A row ingested without its item's error falls back to the first of the platform's own
        -- errors[] (Meta's shape: code, title, message, error_data), so a failure never loses its cause.
        delivery_error = coalesce(s.error, s.raw -> 'errors' -> 0)
    from messages s
    where s.id = ${statusRowId} and s.kind = 'status'
      and m.kind = 'message' and m.platform = s.platform and m.account is not distinct from s.account
      and m.subject_external_id = s.subject_external_id and m.external_id = s.subject_external_id
      and delivery_status_rank(s.status) > delivery_status_rank(m.delivery_status)
    returning m.id`;
  return row ? Number(row.id) : null;
}

/**
 * Gives a newly processed message the best status stored before it was (a status can arrive
 * first: SQS does not keep order, and a platform may report on a message before its echo).
 * Returns the status applied, or null when there was none to apply.
 */
export async function applyStoredStatuses(sql: Sql, messageRowId: number): Promise<DeliveryStatus | null> {
  const [best] = await sql<{ id: string; status: DeliveryStatus }[]>`
    select s.id, s.status
    from messages m
    join messages s on s.kind = 'status' and s.platform = m.platform and s.subject_external_id = m.external_id
                   and s.account is not distinct from m.account
    where m.id = ${messageRowId} and m.kind = 'message' and delivery_status_rank(s.status) > 0
    order by delivery_status_rank(s.status) desc, s.platform_timestamp desc
    limit 1`;
  if (!best) return null;
  return (await applyStatusToMessage(sql, Number(best.id))) === null ? null : best.status;
}

/**
 * The worker's delivery step for one item: a status moves its message forward, a message takes
 * the statuses that came before it. Events have no delivery status.
 */
export async function applyDeliveryStatus(sql: Sql, item: { id: number; kind: InboundItem['kind'] }): Promise<void> {
  if (item.kind === 'status') await applyStatusToMessage(sql, item.id);
  else if (item.kind === 'message') await applyStoredStatuses(sql, item.id);
}

/** Every status event stored for one message, in platform time (rank breaks a tie within a second). */
export async function listStatusTimeline(sql: Sql, message: MessageRef): Promise<StatusEvent[]> {
  const rows = await sql<{ id: string; status: DeliveryStatus; platform_timestamp: Date; error: DeliveryError | null }[]>`
    select id, status, platform_timestamp, coalesce(error, raw -> 'errors' -> 0) as error -- as in applyStatusToMessage
    from messages
    where kind = 'status' and platform = ${message.platform} and subject_external_id = ${message.externalId}
      and account is not distinct from ${message.account}
    order by platform_timestamp, delivery_status_rank(status), id`;
  return rows.map((r) => ({ id: Number(r.id), status: r.status, at: r.platform_timestamp, error: r.error }));
}
