import { EventEmitter } from 'node:events';

/** Emitted once per item when its processing commits. */
export interface MessageReceivedEvent {
  messageId: number;
  conversationId: number | null;
  platform: string;
  kind: 'message' | 'status' | 'event';
  type: string;
  text: string | null;
}

interface BusEvents {
  'message.received': [MessageReceivedEvent];
}

/**
 * The in-process event bus the processor publishes on. Real-time delivery to dashboards across
 * processes builds on it (PostgreSQL LISTEN/NOTIFY comes with the dashboard).
 */
export class MessageBus extends EventEmitter<BusEvents> {}
