import { reject } from '../collector.js';
import { keyFrom } from '../item-key.js';
import { eventItem, messageItem, type ItemOrigin } from '../items.js';
import { flagAt, numberAt, objectAt, textAt, withoutUndefined, type Untrusted } from '../json.js';
import type { AttachmentReader } from './attachments.js';
import { normaliseMessagingMessage } from './content.js';
import type { MessageEdit, MessagingMessage, MessagingPostback } from './types.js';
import type { InboundItem } from '../../types.js';

/**
 * A `message` object: the customer's message, the business's echo (an `echo` event, outbound),
 * or an Instagram unsend (a `delete` event naming the message).
 */
export function readMessage(
  message: Untrusted<MessagingMessage>,
  origin: ItemOrigin,
  readAttachments: AttachmentReader,
): InboundItem[] {
  const mid = textAt(message, 'mid') ?? reject('message has no mid');
  if (flagAt(message, 'is_deleted')) {
    const content = { kind: 'system' as const, extra: { deleted: true } };
    return [eventItem(origin, { type: 'delete', itemKey: keyFrom(mid, 'delete'), externalId: mid, content })];
  }
  const { type, text, content } = normaliseMessagingMessage(message, readAttachments);
  if (!flagAt(message, 'is_echo')) return [messageItem(origin, { externalId: mid, type, text, content })];
  const echo = withoutUndefined({ type, appId: textAt(message, 'app_id'), metadata: textAt(message, 'metadata') });
  const echoContent = { ...content, extra: { ...content.extra, echo } };
  return [
    eventItem(origin, { type: 'echo', itemKey: keyFrom(mid, 'echo'), externalId: mid, text, content: echoContent }),
  ];
}

/**
 * A button tap. Postbacks before Graph v11 carry no mid: the key is then derived from the
 * user and the platform time, so a redelivery still lands on the same row.
 */
export function readPostback(postback: Untrusted<MessagingPostback>, origin: ItemOrigin): InboundItem[] {
  const title = textAt(postback, 'title');
  const payload = textAt(postback, 'payload');
  const externalId = textAt(postback, 'mid') ?? keyFrom('postback', origin.from ?? undefined, origin.timestamp);
  const content = withoutUndefined({
    kind: 'interactive_reply' as const,
    text: title ?? null,
    reply: withoutUndefined({ title, payload }),
  });
  const items = [messageItem(origin, { externalId, type: 'postback', text: title ?? null, content })];
  const referral = objectAt(postback, 'referral');
  if (referral) {
    const itemKey = keyFrom(externalId, 'postback_referral');
    items.push(eventItem(origin, { type: 'postback_referral', itemKey, content: { kind: 'referral', referral } }));
  }
  return items;
}

/**
 * An edit names the ORIGINAL message and brings its full new text. Instagram also sends
 * `num_edit: 0` without text when a message is first created; it is kept as an edit event.
 */
export function readEdit(edit: Untrusted<MessageEdit>, origin: ItemOrigin): InboundItem[] {
  const mid = textAt(edit, 'mid') ?? reject('message_edit has no mid');
  const numEdit = numberAt(edit, 'num_edit');
  const text = textAt(edit, 'text') ?? null;
  const content = withoutUndefined({
    kind: text === null ? ('system' as const) : ('text' as const),
    text,
    extra: { numEdit },
  });
  const itemKey = keyFrom(mid, 'edit', numEdit ?? origin.timestamp);
  return [eventItem(origin, { type: 'edit', itemKey, externalId: mid, text, content })];
}
