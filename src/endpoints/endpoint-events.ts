import type { Sql } from '../store/database.js';
import { selectConversationSummariesById } from '../store/conversation-list.js';
import { selectConversationMessagesById } from '../store/conversation-messages.js';
import { selectStatusesById } from '../store/delivery-status.js';
import type { ProcessedItem } from '../jobs/types.js';
import type { EndpointEventType } from './event-types.js';

/**
 * The body an endpoint receives, in the Standard Webhooks shape. `data` is built from the API's own
 * presentations (`ConversationMessage`, `ConversationSummary`, `StatusEvent`), so an endpoint reads
 * a message exactly as the dashboard API shows it:
 * - `message.received`: `{ conversation, message }`;
 * - `conversation.created`: `{ conversation, message }`, the conversation's first message;
 * - `message.status`: `{ status, messageRef, message, conversation }`, `message` (with its best
 *   `deliveryStatus` so far) and `conversation` null while Omni has not seen that message.
 */
export interface EndpointEvent {
  type: EndpointEventType;
  /** When Omni processed what the event tells of (ISO 8601). */
  timestamp: string;
  data: Record<string, unknown>;
}

/** An event and the message its delivery job is about. */
export interface PlannedEvent {
  messageId: number;
  event: EndpointEvent;
}

/**
 * The events these processed items make, of the wanted types only, read inside the processing
 * transaction after filing (so a conversation's summary already shows its new last message).
 */
export async function buildEndpointEvents(
  tx: Sql,
  items: ProcessedItem[],
  wanted: ReadonlySet<EndpointEventType>,
): Promise<PlannedEvent[]> {
  const timestamp = new Date().toISOString();
  const messages = items.filter(
    (i): i is ProcessedItem & { conversationId: number } => i.kind === 'message' && i.conversationId !== null,
  );
  const statusItems = wanted.has('message.status') ? items.filter((i) => i.kind === 'status') : [];
  const statuses = await selectStatusesById(
    tx,
    statusItems.map((i) => i.messageId),
  );
  const starts = (item: ProcessedItem) => wanted.has('conversation.created') && item.startsConversation;
  const told = wanted.has('message.received') || messages.some(starts) ? messages : [];
  const presented = await selectConversationMessagesById(tx, [
    ...told.map((i) => i.messageId),
    ...[...statuses.values()].flatMap((s) => (s.messageId === null ? [] : [s.messageId])),
  ]);
  const conversations = await selectConversationSummariesById(tx, [
    ...new Set([...told, ...statusItems].flatMap((i) => (i.conversationId === null ? [] : [i.conversationId]))),
  ]);

  const events: PlannedEvent[] = [];
  for (const item of messages) {
    const data = {
      conversation: conversations.get(item.conversationId) ?? null,
      message: presented.get(item.messageId) ?? null,
    };
    if (starts(item))
      events.push({ messageId: item.messageId, event: { type: 'conversation.created', timestamp, data } });
    if (wanted.has('message.received'))
      events.push({ messageId: item.messageId, event: { type: 'message.received', timestamp, data } });
  }
  for (const item of items) {
    const status = statuses.get(item.messageId);
    if (!status) continue;
    const data = {
      status: status.status,
      messageRef: status.message,
      message: status.messageId === null ? null : (presented.get(status.messageId) ?? null),
      conversation: item.conversationId === null ? null : (conversations.get(item.conversationId) ?? null),
    };
    events.push({ messageId: item.messageId, event: { type: 'message.status', timestamp, data } });
  }
  return events;
}
