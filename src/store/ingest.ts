import type { InboundItem, PlatformName } from '../platforms/types.js';
import type { Sql } from './database.js';
import { dedupeByKey, MESSAGE_COLUMNS, messageRow } from './message-rows.js';
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
