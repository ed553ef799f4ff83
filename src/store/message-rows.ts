import type { JSONValue } from 'postgres';
import type { InboundItem, PlatformName } from '../platforms/types.js';

export const MESSAGE_COLUMNS = [
  'platform',
  'account',
  'external_id',
  'subject_external_id',
  'kind',
  'direction',
  'type',
  'content_kind',
  'text',
  'content',
  'status',
  'error',
  'sender',
  'conversation_key',
  'sender_aliases',
  'sender_replaces',
  'raw',
  'platform_timestamp',
  'webhook_log_id',
] as const;

export type MessageRow = Record<(typeof MESSAGE_COLUMNS)[number], JSONValue>;

/** How an extracted item is stored: the one mapping for ingest and reprocessing. */
export function messageRow(platform: PlatformName, webhookLogId: number, item: InboundItem): MessageRow {
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
    // Kept on the row: a failed status's error becomes its message's delivery_error when processed.
    error: (item.error ?? null) as JSONValue,
    sender: item.kind === 'status' ? (item.recipient ?? item.from) : item.from,
    conversation_key: item.conversationKey,
    sender_aliases: item.aliases ?? null,
    sender_replaces: item.replaces ?? null,
    raw: item.raw as JSONValue,
    platform_timestamp: item.timestamp,
    webhook_log_id: webhookLogId,
  };
}

/** One body can name the same item twice (Meta batches); a single INSERT must not conflict with itself. */
export function dedupeByKey<I extends InboundItem>(items: I[]): I[] {
  const seen = new Map<string, I>();
  for (const item of items) {
    const key = `${item.account ?? ''}\u0000${item.itemKey}`;
    if (!seen.has(key)) seen.set(key, item);
  }
  return [...seen.values()];
}
