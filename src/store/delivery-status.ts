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
  const rows = await sql<{ id: string; status: DeliveryStatus; platform_timestamp: Date; error: DeliveryError | null }[]>`
    select id, status, platform_timestamp, coalesce(error, raw -> 'errors' -> 0) as error -- as in applyStatusToMessage
    from messages
    where kind = 'status' and platform = ${message.platform} and subject_external_id = ${message.externalId}
      and account is not distinct from ${message.account}
    order by platform_timestamp, delivery_status_rank(status), id`;
  return rows.map((r) => ({ id: Number(r.id), status: r.status, at: r.platform_timestamp, error: r.error }));
}
