import type { Sql } from '../store/database.js';

/** A channel's health as its rows record it: the last webhook that reached it and the last error its platform gave. */
export interface ChannelHealth {
  id: number;
  platform: string;
  name: string;
  enabled: boolean;
  lastWebhookAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Seconds since `lastErrorAt`, by the database's clock (so a skewed client clock cannot hide an error). */
  lastErrorAgeSeconds: number | null;
}

/** An endpoint in a run of failed deliveries, or disabled by one, with what its last attempt got. */
export interface FailingEndpoint {
  id: number;
  url: string;
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
}

/** An attachment whose download failed for good. */
export interface MediaFailure {
  attachmentId: number;
  messageId: number;
  platform: string;
  reason: string | null;
  at: string;
}

/** What PostgreSQL knows of Omni's health. */
export interface DatabaseStatus {
  /** Queue rows committed but not yet handed to SQS, and how long the oldest has waited. */
  outbox: { pending: number; oldestAgeSeconds: number | null };
  /** Queue rows whose last attempt ended in the last five minutes: processed, or failed (retrying, dead, or given up). */
  lastFiveMinutes: { processed: number; failed: number };
  channels: ChannelHealth[];
  failingEndpoints: FailingEndpoint[];
  /** Attachments failed in the last hour: how many, and the latest few. */
  media: { failedLastHour: number; latest: MediaFailure[] };
}

const iso = (at: Date | null) => (at ? at.toISOString() : null);
const seconds = (value: string | null) => (value === null ? null : Math.floor(Number(value)));

async function readOutbox(sql: Sql): Promise<DatabaseStatus['outbox']> {
  // The partial index queue_logs_pending makes this cheap however long queue_logs is.
  const [row] = await sql<{ pending: number; oldest: string | null }[]>`
    select count(*)::int as pending, extract(epoch from now() - min(created_at))::text as oldest
    from queue_logs where status = 'pending'`;
  return { pending: row?.pending ?? 0, oldestAgeSeconds: seconds(row?.oldest ?? null) };
}

async function readLastFiveMinutes(sql: Sql): Promise<DatabaseStatus['lastFiveMinutes']> {
  const [row] = await sql<{ processed: number; failed: number }[]>`
    select
      count(*) filter (where status = 'processed' and last_error is null)::int as processed,
      count(*) filter (where status in ('failed', 'dead') or (status = 'processed' and last_error is not null))::int as failed
    from queue_logs
    where updated_at > now() - interval '5 minutes'`;
  return { processed: row?.processed ?? 0, failed: row?.failed ?? 0 };
}

async function readChannels(sql: Sql): Promise<ChannelHealth[]> {
  const rows = await sql<
    {
      id: string;
      platform: string;
      name: string;
      enabled: boolean;
      last_webhook_at: Date | null;
      last_error: string | null;
      last_error_at: Date | null;
      error_age: string | null;
    }[]
  >`
    select id, platform, name, enabled, last_webhook_at, last_error, last_error_at,
           extract(epoch from now() - last_error_at)::text as error_age
    from channels where removed_at is null
    order by platform, lower(name)`;
  return rows.map((r) => ({
    id: Number(r.id),
    platform: r.platform,
    name: r.name,
    enabled: r.enabled,
    lastWebhookAt: iso(r.last_webhook_at),
    lastError: r.last_error,
    lastErrorAt: iso(r.last_error_at),
    lastErrorAgeSeconds: seconds(r.error_age),
  }));
}

async function readFailingEndpoints(sql: Sql): Promise<FailingEndpoint[]> {
  const rows = await sql<
    {
      id: string;
      url: string;
      enabled: boolean;
      consecutive_failures: number;
      disabled_at: Date | null;
      disabled_reason: string | null;
      attempted_at: Date | null;
      status_code: number | null;
      error: string | null;
    }[]
  >`
    select e.id, e.url, e.enabled, e.consecutive_failures, e.disabled_at, e.disabled_reason,
           d.attempted_at, d.status_code, d.error
    from endpoints e
    left join lateral (
      select attempted_at, status_code, error from endpoint_deliveries
      where endpoint_id = e.id order by id desc limit 1
    ) d on true
    where e.consecutive_failures > 0 or e.disabled_at is not null
    order by e.id`;
  return rows.map((r) => ({
    id: Number(r.id),
    url: r.url,
    enabled: r.enabled,
    consecutiveFailures: r.consecutive_failures,
    disabledAt: iso(r.disabled_at),
    disabledReason: r.disabled_reason,
    lastAttemptAt: iso(r.attempted_at),
    lastStatusCode: r.status_code,
    lastError: r.error,
  }));
}

async function readMediaFailures(sql: Sql): Promise<DatabaseStatus['media']> {
  // Both read the partial index attachments_failed (on updated_at, where state = 'failed').
  const [count] = await sql<{ failed: number }[]>`
    select count(*)::int as failed from attachments
    where state = 'failed' and updated_at > now() - interval '1 hour'`;
  const latest = await sql<
    { id: string; message_id: string; platform: string; failure_reason: string | null; updated_at: Date }[]
  >`
    select id, message_id, platform, failure_reason, updated_at from attachments
    where state = 'failed' and updated_at > now() - interval '1 hour'
    order by updated_at desc limit 5`;
  return {
    failedLastHour: count?.failed ?? 0,
    latest: latest.map((r) => ({
      attachmentId: Number(r.id),
      messageId: Number(r.message_id),
      platform: r.platform,
      reason: r.failure_reason,
      at: r.updated_at.toISOString(),
    })),
  };
}

/** Every database part of the status, read side by side (each a short read-only statement). */
export async function readDatabaseStatus(sql: Sql): Promise<DatabaseStatus> {
  const [outbox, lastFiveMinutes, channels, failingEndpoints, media] = await Promise.all([
    readOutbox(sql),
    readLastFiveMinutes(sql),
    readChannels(sql),
    readFailingEndpoints(sql),
    readMediaFailures(sql),
  ]);
  return { outbox, lastFiveMinutes, channels, failingEndpoints, media };
}
