import type { JSONValue } from 'postgres';
import type { InboundItem, PlatformName } from '../platforms/types.js';
import type { Sql } from './database.js';
import { insertWebhookLog, type WebhookLogRow } from './webhook-logs.js';

/** A committed queue row, ready to be handed to SQS. */
export interface QueueUnit {
  queueLogId: number;
  messageId: number;
  platform: PlatformName;
  conversationKey: string | null;
  externalId: string;
}

export interface IngestResult {
  webhookLogId: number;
  /** Only the items this delivery added: a retried delivery yields none. */
  queued: QueueUnit[];
}

const MESSAGE_COLUMNS = [
  'platform', 'account', 'external_id', 'subject_external_id', 'kind', 'direction', 'type', 'content_kind',
  'text', 'content', 'status', 'sender', 'conversation_key', 'raw', 'platform_timestamp', 'webhook_log_id',
] as const;

type MessageRow = Record<(typeof MESSAGE_COLUMNS)[number], JSONValue>;

function messageRow(platform: PlatformName, webhookLogId: number, item: InboundItem): MessageRow {
  return {
    platform,
    account: item.account,
    external_id: item.itemKey,
    subject_external_id: item.externalId,
    kind: item.kind,
    direction: item.direction,
    type: item.type,
    content_kind: item.content?.kind ?? null,
    text: item.text,
    content: (item.content ?? null) as JSONValue,
    status: item.status ?? null,
    sender: item.kind === 'status' ? (item.recipient ?? item.from) : item.from,
    conversation_key: item.conversationKey,
    raw: item.raw as JSONValue,
    platform_timestamp: item.timestamp,
    webhook_log_id: webhookLogId,
  };
}

/**
 * The ingest transaction: the audit row, every new item and its queue row commit together, so
 * an acknowledged webhook is durable and a redelivery (same item keys) adds nothing.
 */
export async function insertInboundMessages(
  sql: Sql,
  log: WebhookLogRow,
  platform: PlatformName,
  items: InboundItem[],
): Promise<IngestResult> {
  return sql.begin(async (tx) => {
    const webhookLogId = await insertWebhookLog(tx as unknown as Sql, log);
    if (items.length === 0) return { webhookLogId, queued: [] };
    const rows = dedupeByKey(items).map((item) => messageRow(platform, webhookLogId, item));
    const inserted: { id: string; conversation_key: string | null; subject_external_id: string }[] = await tx`
      insert into messages ${tx(rows, MESSAGE_COLUMNS)}
      on conflict (platform, account, external_id) do nothing
      returning id, conversation_key, subject_external_id`;
    if (inserted.length === 0) return { webhookLogId, queued: [] };
    const queueRows: { id: string; message_id: string }[] = await tx`
      insert into queue_logs (message_id)
      select unnest(${inserted.map((r) => r.id)}::bigint[])
      returning id, message_id`;
    const byMessage = new Map(inserted.map((r) => [r.id, r]));
    const queued = queueRows.map((q) => {
      const message = byMessage.get(q.message_id)!;
      return {
        queueLogId: Number(q.id),
        messageId: Number(q.message_id),
        platform,
        conversationKey: message.conversation_key,
        externalId: message.subject_external_id,
      };
    });
    return { webhookLogId, queued };
  });
}

/** One body can name the same item twice (Meta batches); a single INSERT must not conflict with itself. */
function dedupeByKey(items: InboundItem[]): InboundItem[] {
  const seen = new Map<string, InboundItem>();
  for (const item of items) {
    const key = `${item.account ?? ''}\u0000${item.itemKey}`;
    if (!seen.has(key)) seen.set(key, item);
  }
  return [...seen.values()];
}
