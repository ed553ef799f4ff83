import type { DeliveryStatus, InboundItem, MessageContent } from '../types.js';
import { fingerprint, keyFrom } from './item-key.js';

/** What every item of one element shares: who, where, when, and the element's raw JSON. */
export interface ItemOrigin {
  account: string;
  from: string | null;
  conversationKey: string | null;
  /** Other ids of the person (`InboundItem.aliases`); absent when there are none. */
  aliases?: string[];
  /** The id the person had before (`InboundItem.replaces`). */
  replaces?: string;
  direction: 'inbound' | 'outbound';
  timestamp: string;
  raw: unknown;
}

export interface MessageFacts {
  externalId: string;
  type: string;
  text: string | null;
  content: MessageContent;
}

export interface StatusFacts {
  externalId: string;
  type: string;
  status: DeliveryStatus;
  recipient: string;
  error?: InboundItem['error'];
}

export interface EventFacts {
  type: string;
  itemKey: string;
  /** The id the event targets (a message, comment, media); the itemKey when there is none. */
  externalId?: string;
  text?: string | null;
  content: MessageContent;
  error?: InboundItem['error'];
}

/** A message: its key is the platform's message id. */
export function messageItem(origin: ItemOrigin, facts: MessageFacts): InboundItem {
  return { kind: 'message', itemKey: facts.externalId, ...origin, ...facts };
}

/** A delivery status: one item per (message, status), so `read` never overwrites `delivered`. */
export function statusItem(origin: ItemOrigin, facts: StatusFacts): InboundItem {
  const itemKey = `${facts.externalId}:status:${facts.status}`;
  const { error, ...rest } = facts;
  return { kind: 'status', itemKey, text: null, ...origin, ...rest, ...(error ? { error } : {}) };
}

export function eventItem(origin: ItemOrigin, facts: EventFacts): InboundItem {
  const { externalId = facts.itemKey, text = null, error, ...rest } = facts;
  return { kind: 'event', externalId, text, ...origin, ...rest, ...(error ? { error } : {}) };
}

const DELIVERY_STATUSES: readonly string[] = ['sent', 'delivered', 'read', 'played', 'failed'];

export function isDeliveryStatus(value: string | undefined): value is DeliveryStatus {
  return value !== undefined && DELIVERY_STATUSES.includes(value);
}

/**
 * Something the adapter does not model, kept whole rather than dropped. Keyed by a fingerprint
 * of its JSON: the platform gave it no id, and the same bytes redelivered give the same key.
 */
export function unknownEvent(origin: ItemOrigin, what: string): InboundItem {
  const itemKey = keyFrom('unknown', what, fingerprint(origin.raw));
  return eventItem(origin, { type: 'unknown', itemKey, content: { kind: 'unsupported', extra: { what } } });
}

/** A message's corpus type, text and content: everything but its id. */
export type MessageBody = Omit<MessageFacts, 'externalId'>;
