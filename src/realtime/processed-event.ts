/** The PostgreSQL NOTIFY channel every process announces processed items on and listens to. */
export const EVENTS_CHANNEL = 'omni_events';

/**
 * One processed item as dashboards see it: small enough that a NOTIFY carries dozens (the payload
 * limit is 8000 bytes), so the text is left out; the dashboard reads the message through the API.
 * `seq` is the item's `queue_logs.event_seq`: increasing in commit order, the SSE event id.
 */
export interface ProcessedEvent {
  seq: number;
  /** The SSE event name: see `ITEM_EVENT_NAMES`. */
  name: ItemEventName;
  messageId: number;
  conversationId: number | null;
  /** The channel the item came or went through; null: unrouted. */
  channelId: number | null;
  kind: 'message' | 'status' | 'event';
  platform: string;
  type: string;
}

/**
 * What a processed item or finished job tells a dashboard: a conversation's first message, a later
 * message, a change to a message (a reaction, an edit, a deletion, a reply sent, an attachment
 * stored), a delivery status, or another platform event (a postback, a referral, a read receipt).
 */
export const ITEM_EVENT_NAMES = [
  'conversation.created',
  'message.received',
  'message.updated',
  'status.changed',
  'event.received',
] as const;
export type ItemEventName = (typeof ITEM_EVENT_NAMES)[number];

/** A change an agent made to a conversation's workflow state. */
export type ConversationChange = 'assigned' | 'closed' | 'reopened' | 'read' | 'labelled' | 'noted';

/**
 * A conversation's workflow changed (assigned, closed, reopened, read, labelled, noted): the
 * dashboard reloads it through the API. `seq` comes from the processed items' sequence, so both
 * share one order.
 */
export interface ConversationChangedEvent {
  seq: number;
  conversationId: number;
  /** The conversation's channel; null: unrouted. */
  channelId: number | null;
  change: ConversationChange;
}

/** Everything the real-time stream carries, in one seq order. */
export type RealtimeEvent = ProcessedEvent | ConversationChangedEvent;

export function isConversationChange(event: RealtimeEvent): event is ConversationChangedEvent {
  return 'change' in event;
}

/** The name an event goes out under on `/api/events`. */
export function eventNameOf(event: RealtimeEvent): ItemEventName | 'conversation.updated' {
  return isConversationChange(event) ? 'conversation.updated' : event.name;
}

/** A row of queue_logs joined to messages, as both the announcement and the catch-up read it. */
export interface ProcessedEventRow {
  event_seq: string;
  event_name: ItemEventName;
  message_id: string;
  conversation_id: string | null;
  channel_id: string | null;
  kind: ProcessedEvent['kind'];
  platform: string;
  type: string;
}

export function toProcessedEvent(row: ProcessedEventRow): ProcessedEvent {
  return {
    seq: Number(row.event_seq),
    name: row.event_name,
    messageId: Number(row.message_id),
    conversationId: row.conversation_id === null ? null : Number(row.conversation_id),
    channelId: row.channel_id === null ? null : Number(row.channel_id),
    kind: row.kind,
    platform: row.platform,
    type: row.type,
  };
}

/** A catch-up row: a processed item's, or a conversation change's. */
export type RealtimeEventRow =
  | (ProcessedEventRow & { change: null })
  | { event_seq: string; conversation_id: string; channel_id: string | null; change: ConversationChange };

export function toRealtimeEvent(row: RealtimeEventRow): RealtimeEvent {
  if (row.change === null) return toProcessedEvent(row);
  return {
    seq: Number(row.event_seq),
    conversationId: Number(row.conversation_id),
    channelId: row.channel_id === null ? null : Number(row.channel_id),
    change: row.change,
  };
}

/** A NOTIFY payload is a JSON array of events in seq order; anything else is ignored. */
export function parseEventsPayload(payload: string): RealtimeEvent[] {
  try {
    const value: unknown = JSON.parse(payload);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (e): e is RealtimeEvent => typeof e === 'object' && e !== null && Number.isSafeInteger((e as ProcessedEvent).seq),
    );
  } catch {
    return [];
  }
}
