import type { Sql } from './database.js';

/** One attempt to deliver an event to an endpoint, as the delivery log keeps it. */
export interface DeliveryAttempt {
  endpointId: number;
  queueLogId: number;
  webhookId: string;
  eventType: string;
  attempt: number;
  /** The endpoint's HTTP status, when it answered. */
  statusCode: number | null;
  /** Why the attempt failed (a non-2xx answer, a timeout, a refusal); null when delivered. */
  error: string | null;
  durationMs: number;
}

export interface LoggedDelivery extends DeliveryAttempt {
  id: number;
  attemptedAt: Date;
}

/**
 * Logs an attempt and moves the endpoint's run of failures in one statement: a success resets it,
 * a failure extends it and, once it reaches `disableAfterFailures`, disables the endpoint with the
 * failure as the reason. Answers whether this attempt disabled it.
 */
export async function recordDeliveryAttempt(
  sql: Sql,
  attempt: DeliveryAttempt,
  disableAfterFailures: number,
): Promise<{ disabled: boolean }> {
  const a = attempt;
  const failed = a.error !== null;
  // Judged on the row as locked by the update, so concurrent attempts each count once.
  const disables = sql`(e.enabled and ${failed} and e.consecutive_failures + 1 >= ${disableAfterFailures})`;
  const reason = `${disableAfterFailures} consecutive failed deliveries; the last: ${a.error}`;
  const [updated] = await sql<{ disabled: boolean }[]>`
    with logged as (
      insert into endpoint_deliveries (endpoint_id, queue_log_id, webhook_id, event_type, attempt, status_code, error, duration_ms)
      values (${a.endpointId}, ${a.queueLogId}, ${a.webhookId}, ${a.eventType}, ${a.attempt}, ${a.statusCode}, ${a.error}, ${Math.round(a.durationMs)})
    )
    update endpoints e set
      consecutive_failures = case when ${failed} then e.consecutive_failures + 1 else 0 end,
      enabled = e.enabled and not ${disables},
      disabled_at = case when ${disables} then now() else e.disabled_at end,
      disabled_reason = case when ${disables} then ${reason} else e.disabled_reason end
    where e.id = ${a.endpointId}
    returning not e.enabled and e.disabled_at = now() as disabled -- now(): set by this statement`;
  return { disabled: updated?.disabled ?? false };
}

/** An endpoint's delivery log, newest first. */
export async function listDeliveries(sql: Sql, endpointId: number, limit = 50): Promise<LoggedDelivery[]> {
  const rows = await sql<
    {
      id: string;
      endpoint_id: string;
      queue_log_id: string;
      webhook_id: string;
      event_type: string;
      attempt: number;
      status_code: number | null;
      error: string | null;
      duration_ms: number;
      attempted_at: Date;
    }[]
  >`
    select id, endpoint_id, queue_log_id, webhook_id, event_type, attempt, status_code, error, duration_ms, attempted_at
    from endpoint_deliveries where endpoint_id = ${endpointId}
    order by id desc limit ${limit}`;
  return rows.map((r) => ({
    id: Number(r.id),
    endpointId: Number(r.endpoint_id),
    queueLogId: Number(r.queue_log_id),
    webhookId: r.webhook_id,
    eventType: r.event_type,
    attempt: r.attempt,
    statusCode: r.status_code,
    error: r.error,
    durationMs: r.duration_ms,
    attemptedAt: r.attempted_at,
  }));
}
