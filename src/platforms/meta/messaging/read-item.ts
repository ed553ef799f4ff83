import { reject, type Collector } from '../collector.js';
import type { EntryScope } from '../envelope.js';
import { asShape, isObject, listAt, type Untrusted } from '../json.js';
import { unknownEvent, type ItemOrigin } from '../items.js';
import type { InboundItem } from '../../types.js';
import type { AttachmentReader } from './attachments.js';
import { readEdit, readMessage, readPostback } from './messages.js';
import { messagingOrigin } from './origin.js';
import { readDelivery, readReaction, readRead, readReferral } from './receipts.js';
import type { MessagingItem } from './types.js';

type EventKey = 'message' | 'message_edit' | 'reaction' | 'read' | 'delivery' | 'postback' | 'referral';
type Reader = (value: Untrusted<never>, origin: ItemOrigin, readAttachments: AttachmentReader) => InboundItem[];

/** The event keys of a messaging item and how each is read. */
const READERS: Record<EventKey, Reader> = {
  message: readMessage,
  message_edit: readEdit,
  reaction: readReaction,
  read: readRead,
  delivery: readDelivery,
  postback: readPostback,
  referral: readReferral,
};

const ENVELOPE_KEYS = new Set(['sender', 'recipient', 'timestamp']);

/** Reads one `messaging[]` (or `standby[]`) item; an event key we do not model becomes an `unknown` event. */
export function readMessagingItem(
  element: unknown,
  scope: EntryScope,
  collector: Collector,
  readAttachments: AttachmentReader,
): void {
  const item = asShape<MessagingItem>(element) ?? reject('messaging item is not an object');
  const origin = messagingOrigin(item, scope);
  const known = (Object.keys(READERS) as EventKey[]).filter((key) => isObject(item[key]));
  for (const key of known) {
    READERS[key](item[key] as Untrusted<never>, origin, readAttachments).forEach(collector.add);
  }
  if (known.length > 0) return;
  const what = Object.keys(item).find((key) => !ENVELOPE_KEYS.has(key)) ?? 'empty';
  collector.add(unknownEvent(origin, what));
}

/** Every messaging item of an entry: `messaging[]`, and `standby[]` under the handover protocol. */
export function readEntryMessaging(scope: EntryScope, collector: Collector, readAttachments: AttachmentReader): void {
  for (const list of ['messaging', 'standby'] as const) {
    collector.each(listAt(scope.entry, list), `${scope.path}.${list}`, (element) =>
      readMessagingItem(element, scope, collector, readAttachments),
    );
  }
}
