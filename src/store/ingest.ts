import type { JSONValue } from 'postgres';
import type { JobKind } from '../jobs/types.js';
import type { InboundItem, PlatformName } from '../platforms/types.js';
import type { Sql } from './database.js';
import { messageRow } from './message-rows.js';
import type { WebhookLogRow } from './webhook-logs.js';

/** A committed queue row, ready to be handed to SQS. */
export interface QueueUnit {
  queueLogId: number;
  messageId: number;
  platform: PlatformName;
  conversationKey: string | null;
  externalId: string;
  /** Set on a job's row; an inbound item's row has none. */
  job?: JobKind;
  /** A job's FIFO group within its kind (default: the conversation). */
  group?: string | null;
}

/** An item with the channel the webhook routes filed it under (null: unrouted). */
export type RoutedInboundItem = InboundItem & { channelId: number | null };

/** One accepted webhook: its audit row and the items it carried, routed. */
export interface IngestRequest {
  log: WebhookLogRow;
  platform: PlatformName;
  items: RoutedInboundItem[];
}

export interface IngestResult {
  webhookLogId: number;
  /** Only the items this delivery added: a retried delivery yields none. */
  queued: QueueUnit[];
}

function logInput(request: IngestRequest, ord: number) {
  const { log } = request;
  return {
    ord,
    platform: log.platform,
    method: log.method,
    headers: log.headers,
    raw_body: log.rawBody?.toString('base64') ?? null,
    signature: log.signature,
    status_code: log.statusCode,
    error_code: log.errorCode,
    error: log.error,
    item_count: log.itemCount,
    channel_ids: log.channelIds ?? null,
  };
}

/** The stored row of an item, pointing at its request by position: the webhook_logs id is drawn in SQL. */
function itemInput(platform: PlatformName, item: RoutedInboundItem, ord: number) {
  const { webhook_log_id: _drawnInSql, ...row } = messageRow(platform, 0, item);
  return { ...row, channel_id: item.channelId, log_ord: ord };
}

interface IngestRow {
  logs: { ord: number; id: number }[];
  queued: { q: number; m: number; ord: number; p: PlatformName; ck: string | null; x: string }[] | null;
}

/**
 * The ingest write for one or many webhooks, as ONE statement (so one round trip and one commit):
 * the audit rows, every new item (a redelivery's items conflict and are skipped) and a queue row
 * per new item. Ids for webhook_logs are drawn first so items can point at their own request's row.
 */
export async function insertWebhookBatch(sql: Sql, requests: IngestRequest[]): Promise<IngestResult[]> {
  const logs = requests.map(logInput);
  const items = requests.flatMap((r, ord) => r.items.map((item) => itemInput(r.platform, item, ord)));
  const [row]: IngestRow[] = await sql`
    with logs_in as (
      select l.*, nextval(pg_get_serial_sequence('webhook_logs', 'id')) as id
      from jsonb_to_recordset(${sql.json(logs as JSONValue)}::jsonb) as l(
        ord int, platform text, method text, headers jsonb, raw_body text, signature text,
        status_code int, error_code text, error text, item_count int, channel_ids bigint[])
    ), logs as (
      insert into webhook_logs (id, platform, method, headers, raw_body, signature, status_code, error_code, error,
                                item_count, channel_ids)
      overriding system value
      select id, platform, method, headers, decode(raw_body, 'base64'), signature, status_code, error_code, error,
             item_count, channel_ids
      from logs_in
    ), items_in as (
      select i.*, l.id as webhook_log_id
      from jsonb_to_recordset(${sql.json(items as JSONValue)}::jsonb) as i(
        log_ord int, channel_id bigint, platform text, account text, external_id text, subject_external_id text, kind text,
        direction text, type text, content_kind text, text text, content jsonb, status text, error jsonb, sender text,
        conversation_key text, sender_aliases text[], sender_replaces text, raw jsonb, platform_timestamp timestamptz)
      join logs_in l on l.ord = i.log_ord
    ), inserted as (
      insert into messages (platform, account, channel_id, external_id, subject_external_id, kind, direction, type, content_kind,
                            text, content, status, error, sender, conversation_key, sender_aliases, sender_replaces, raw,
                            platform_timestamp, webhook_log_id)
      select platform, account, channel_id, external_id, subject_external_id, kind, direction, type, content_kind,
             text, content, status, error, sender, conversation_key, sender_aliases, sender_replaces, raw,
             platform_timestamp, webhook_log_id
      from items_in
      on conflict (platform, account, external_id) do nothing
      returning id, platform, conversation_key, subject_external_id, webhook_log_id
    ), queued as (
      insert into queue_logs (message_id) select id from inserted returning id, message_id
    )
    select
      (select json_agg(json_build_object('ord', ord, 'id', id)) from logs_in) as logs,
      (select json_agg(json_build_object('q', q.id, 'm', q.message_id, 'ord', l.ord, 'p', i.platform,
                                         'ck', i.conversation_key, 'x', i.subject_external_id) order by q.id)
       from queued q join inserted i on i.id = q.message_id join logs_in l on l.id = i.webhook_log_id) as queued`;
  const results: IngestResult[] = requests.map(() => ({ webhookLogId: 0, queued: [] }));
  for (const log of row.logs) results[log.ord].webhookLogId = Number(log.id);
  for (const q of row.queued ?? []) {
    results[q.ord].queued.push({
      queueLogId: Number(q.q),
      messageId: Number(q.m),
      platform: q.p,
      conversationKey: q.ck,
      externalId: q.x,
    });
  }
  return results;
}
