import { OmniError } from '../errors.js';

/**
 * The events a subscribed endpoint can receive:
 * - `message.received`: a message from a platform webhook was processed (filed under its conversation);
 * - `message.status`: a delivery status (sent, delivered, read, played, failed) was processed;
 * - `conversation.created`: a conversation's first message was processed, the moment it enters the
 *   conversation list.
 */
export const ENDPOINT_EVENT_TYPES = ['message.received', 'message.status', 'conversation.created'] as const;
export type EndpointEventType = (typeof ENDPOINT_EVENT_TYPES)[number];

/** Subscribes to every event type, including those added later. */
export const ALL_EVENT_TYPES = '*';

/** Whether an endpoint subscribed to these types receives events of this type. */
export function isSubscribed(eventTypes: readonly string[], type: EndpointEventType): boolean {
  return eventTypes.includes(ALL_EVENT_TYPES) || eventTypes.includes(type);
}

/** Reads a comma list of event types (or `*`), refusing an unknown one by name. */
export function parseEventTypes(list: string): string[] {
  const types = [
    ...new Set(
      list
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    ),
  ];
  if (types.length === 0) throw new OmniError('OMNI_ERR_ENDPOINT_INVALID', 'name at least one event type');
  for (const type of types) {
    if (type !== ALL_EVENT_TYPES && !(ENDPOINT_EVENT_TYPES as readonly string[]).includes(type)) {
      throw new OmniError(
        'OMNI_ERR_ENDPOINT_INVALID',
        `unknown event type ${JSON.stringify(type)}: use ${[...ENDPOINT_EVENT_TYPES, ALL_EVENT_TYPES].join(', ')}`,
      );
    }
  }
  return types;
}
