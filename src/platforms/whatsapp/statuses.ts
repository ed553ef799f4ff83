import type { InboundItem } from '../types.js';
import { reject } from '../meta/collector.js';
import { isDeliveryStatus, statusItem, unknownEvent } from '../meta/items.js';
import { asShape, isObject, numberAt, objectAt, textAt, withoutUndefined, type Untrusted } from '../meta/json.js';
import { personOf } from './identity.js';
import { whatsAppOrigin, type ValueScope } from './origin.js';
import type { WhatsAppError, WhatsAppStatus } from './types.js';

/**
 * A status of one of the business's messages. The recipient is the user's phone number, or
 * their BSUID when that is all WhatsApp gives. A status Omni does not model (`deleted`) is
 * kept as an `unknown` event.
 */
export function readStatus(element: unknown, scope: ValueScope): InboundItem {
  const status = asShape<WhatsAppStatus>(element) ?? reject('status is not an object');
  const externalId = textAt(status, 'id') ?? reject('status has no message id');
  const person = personOf(textAt(status, 'recipient_id'), textAt(status, 'recipient_user_id'));
  const recipient = person.id ?? reject('status has no recipient');
  const name = textAt(status, 'status');
  const origin = whatsAppOrigin(scope, element, {
    from: recipient,
    user: recipient,
    person,
    timestamp: status.timestamp,
  });
  if (!isDeliveryStatus(name)) return unknownEvent(origin, `status:${name ?? 'none'}`);
  const error = errorOf(status.errors);
  return statusItem(origin, { externalId, type: 'status', status: name, recipient, ...(error ? { error } : {}) });
}

/** The first of WhatsApp's `errors[]`, in the item's shape; `error_data.details` when there is no message. */
export function errorOf(errors: unknown): InboundItem['error'] | undefined {
  const first = Array.isArray(errors) && isObject(errors[0]) ? (errors[0] as Untrusted<WhatsAppError>) : undefined;
  if (!first) return undefined;
  return withoutUndefined({
    code: numberAt(first, 'code') ?? textAt(first, 'code'),
    title: textAt(first, 'title'),
    message: textAt(first, 'message') ?? textAt(objectAt(first, 'error_data'), 'details'),
  });
}
