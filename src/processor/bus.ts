import { EventEmitter } from 'node:events';
import type { FiledItem } from '../store/file-batch.js';

/** Emitted once per item when its processing commits: the item as filed. */
export type MessageReceivedEvent = FiledItem;

interface BusEvents {
  'message.received': [MessageReceivedEvent];
}

/**
 * The in-process event bus the processor publishes on, for in-process use. Dashboards are fed
 * from PostgreSQL NOTIFY instead (`src/realtime/`), which reaches every process.
 */
export class MessageBus extends EventEmitter<BusEvents> {}
