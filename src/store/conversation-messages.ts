import type { ContentKind, DeliveryStatus, MessageContent } from '../platforms/types.js';
import { listMessageAttachments, type AttachmentSummary } from './attachments.js';
import type { Sql } from './database.js';
import type { DeliveryError } from './delivery-status.js';
import { type MessageAnnotations, noAnnotations, selectMessageAnnotations } from './message-annotations.js';

/** One message as a conversation view shows it, with what later items said about it (`MessageAnnotations`). */
export interface ConversationMessage extends MessageAnnotations {
  id: number;
  externalId: string;
  direction: 'inbound' | 'outbound';
  /** The channel it came or went through; null: unrouted. */
  channelId: number | null;
  sender: string | null;
  type: string;
  contentKind: ContentKind | null;
  text: string | null;
  content: MessageContent | null;
  platformTimestamp: Date;
  deliveryStatus: DeliveryStatus | null;
  deliveryStatusAt: Date | null;
  deliveryError: DeliveryError | null;
  /** The message's media as Omni fetched it: pending, stored (served at /api/media/:id) or failed with a reason. */
  attachments: AttachmentSummary[];
}

export interface ListConversationMessagesOptions {
  /** Page size; 50 by default. */
  limit?: number;
  /** A message row id from an earlier page: the page then holds the messages before it. */
  before?: number;
}

interface ConversationMessageRow {
  id: string;
  external_id: string;
  direction: ConversationMessage['direction'];
  channel_id: string | null;
  sender: string | null;
  type: string;
  content_kind: ContentKind | null;
  text: string | null;
  content: MessageContent | null;
  platform_timestamp: Date;
  delivery_status: DeliveryStatus | null;
  delivery_status_at: Date | null;
  delivery_error: DeliveryError | null;
}

/**
 * A page of a conversation's messages in platform order (platform timestamp, then Telegram's
 * message_id within one second, then row id), oldest first: the latest page by default, and the
 * page before a message with `before`. The order is the platform's, never the order the worker
 * happened to process them in. Keyset pagination on `messages_conversation_order`, so a page
 * costs the same however far back it is.
 */
export async function listConversationMessages(
  sql: Sql,
  conversationId: number,
  options: ListConversationMessagesOptions = {},
): Promise<ConversationMessage[]> {
  const cursor =
    options.before === undefined
      ? sql``
      : sql`
    and (m.platform_timestamp, m.platform_seq, m.id)
        < (select c.platform_timestamp, c.platform_seq, c.id from messages c where c.id = ${options.before})`;
  const rows = await sql<ConversationMessageRow[]>`
    select ${messageColumns(sql)}
    from messages m
    where m.conversation_id = ${conversationId} and m.kind = 'message' ${cursor}
    order by m.platform_timestamp desc, m.platform_seq desc, m.id desc
    limit ${options.limit ?? 50}`;
  return (await withAttachmentsAndAnnotations(sql, rows)).reverse();
}

/** Messages by row id, presented as a conversation view shows them (for the events endpoints receive). */
export async function selectConversationMessagesById(
  sql: Sql,
  ids: number[],
): Promise<Map<number, ConversationMessage>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<ConversationMessageRow[]>`
    select ${messageColumns(sql)} from messages m where m.id = any(${ids}::bigint[]) and m.kind = 'message'`;
  return new Map((await withAttachmentsAndAnnotations(sql, rows)).map((m) => [m.id, m]));
}

/** One message as the conversation view shows it (a reply just accepted, for instance). */
export async function selectConversationMessage(sql: Sql, messageId: number): Promise<ConversationMessage | undefined> {
  return (await selectConversationMessagesById(sql, [messageId])).get(messageId);
}

/** The rows as messages, each with its attachments and annotations, in the order given. */
async function withAttachmentsAndAnnotations(sql: Sql, rows: ConversationMessageRow[]): Promise<ConversationMessage[]> {
  const ids = rows.map((r) => Number(r.id));
  const [attachments, annotations] = await Promise.all([
    listMessageAttachments(sql, ids),
    selectMessageAnnotations(sql, ids),
  ]);
  return rows.map((r) =>
    toConversationMessage(r, attachments.get(Number(r.id)) ?? [], annotations.get(Number(r.id)) ?? noAnnotations()),
  );
}

/** The columns of a `ConversationMessageRow`, from `messages m`. */
function messageColumns(sql: Sql) {
  return sql`m.id, m.external_id, m.direction, m.channel_id, m.sender, m.type, m.content_kind, m.text, m.content, m.platform_timestamp,
             m.delivery_status, m.delivery_status_at, m.delivery_error`;
}

function toConversationMessage(
  r: ConversationMessageRow,
  attachments: AttachmentSummary[],
  annotations: MessageAnnotations,
): ConversationMessage {
  return {
    id: Number(r.id),
    externalId: r.external_id,
    direction: r.direction,
    channelId: r.channel_id === null ? null : Number(r.channel_id),
    sender: r.sender,
    type: r.type,
    contentKind: r.content_kind,
    text: r.text,
    content: r.content,
    platformTimestamp: r.platform_timestamp,
    deliveryStatus: r.delivery_status,
    deliveryStatusAt: r.delivery_status_at,
    deliveryError: r.delivery_error,
    attachments,
    ...annotations,
  };
}
