import type { DeliveryStatus } from '../../src/platforms/types.js';
import { loadFixture } from './fixtures.js';

// Bodies built from real fixtures with only the ids, times and texts a test needs changed, so
// each test can stage its own sequence of messages and statuses on one account.

/** Seconds since the epoch, as WhatsApp and Telegram write them. */
type UnixSeconds = number;

/** whatsapp-text-basic from the same customer on the same business number, with this id and time. */
export function whatsAppTextBody(id: string, timestamp: UnixSeconds, text = 'Does it come in another color?'): unknown {
  const body = structuredClone(loadFixture('whatsapp', 'whatsapp-text-basic').body) as any;
  const message = body.entry[0].changes[0].value.messages[0];
  Object.assign(message, { id, timestamp: String(timestamp), text: { body: text } });
  return body;
}

/** whatsapp-text-basic's business number (its `phone_number_id`). */
export const WHATSAPP_NUMBER = '106540352242922';

/** whatsapp-text-basic from the same customer, written to another business number (`phone_number_id`). */
export function whatsAppTextToNumber(phoneNumberId: string, id: string, timestamp: UnixSeconds, text: string): unknown {
  const body = whatsAppTextBody(id, timestamp, text) as any;
  body.entry[0].changes[0].value.metadata.phone_number_id = phoneNumberId;
  return body;
}

/** whatsapp-text-basic's customer and number, carrying another message type (these fields) in place of the text. */
export function whatsAppMessageBody(id: string, timestamp: UnixSeconds, fields: Record<string, unknown>): unknown {
  const body = whatsAppTextBody(id, timestamp) as any;
  const message = body.entry[0].changes[0].value.messages[0];
  delete message.text;
  Object.assign(message, fields);
  return body;
}

export interface WhatsAppStatusSpec {
  id: string;
  status: DeliveryStatus;
  timestamp: UnixSeconds;
}

/**
 * whatsapp-status-failed-errors (same business number as whatsapp-text-basic) carrying these
 * statuses; a `failed` one keeps the fixture's errors[] (code 131049).
 */
export function whatsAppStatusBody(...statuses: WhatsAppStatusSpec[]): unknown {
  const body = structuredClone(loadFixture('whatsapp', 'whatsapp-status-failed-errors').body) as any;
  const value = body.entry[0].changes[0].value;
  const { errors, ...template } = value.statuses[0];
  value.statuses = statuses.map((s) => ({
    ...template,
    id: s.id,
    status: s.status,
    timestamp: String(s.timestamp),
    ...(s.status === 'failed' ? { errors } : {}),
  }));
  return body;
}

/** The fixture's failed-status error as the item (and so `delivery_error`) carries it. */
export const WHATSAPP_FAILED_ERROR = {
  code: 131049,
  title: 'This message was not delivered to maintain healthy ecosystem engagement.',
  message: 'This message was not delivered to maintain healthy ecosystem engagement.',
};

/** telegram-text-entities in the same private chat (927266710), with this message_id, date and text. */
export function telegramTextBody(messageId: number, date: UnixSeconds, text: string): unknown {
  const body = structuredClone(loadFixture('telegram', 'telegram-text-entities').body) as any;
  body.update_id += messageId;
  Object.assign(body.message, { message_id: messageId, date, text });
  delete body.message.entities;
  return body;
}

/** Telegram's external id for a message of that chat. */
export const telegramExternalId = (messageId: number): string => `927266710:${messageId}`;

/** The Page and customer of messenger-delivery-mids, whose receipts the tests send. */
export const MESSENGER_PAGE = '1234567890';
export const MESSENGER_CUSTOMER = '5678';

/** messenger-text-reply-to from that customer to that Page, with this mid, time (ms) and text, quoting nothing. */
export function messengerTextBody(mid: string, timestampMs: number, text: string): unknown {
  const body = structuredClone(loadFixture('messenger', 'messenger-text-reply-to').body) as any;
  const entry = body.entry[0];
  const item = entry.messaging[0];
  Object.assign(entry, { id: MESSENGER_PAGE, time: timestampMs });
  Object.assign(item, {
    sender: { id: MESSENGER_CUSTOMER },
    recipient: { id: MESSENGER_PAGE },
    timestamp: timestampMs,
  });
  item.message = { mid, text };
  return body;
}

/** messenger-delivery-mids reporting these mids delivered. */
export function messengerDeliveryBody(mids: string[], timestampMs: number): unknown {
  const body = structuredClone(loadFixture('messenger', 'messenger-delivery-mids').body) as any;
  const item = body.entry[0].messaging[0];
  Object.assign(item.delivery, { mids, watermark: timestampMs });
  item.timestamp = timestampMs;
  return body;
}

/** messenger-delivery-mids turned into a read receipt: everything the Page sent up to `watermarkMs` was read. */
export function messengerReadBody(watermarkMs: number): unknown {
  const body = structuredClone(loadFixture('messenger', 'messenger-delivery-mids').body) as any;
  const item = body.entry[0].messaging[0];
  delete item.delivery;
  Object.assign(item, { timestamp: watermarkMs, read: { watermark: watermarkMs } });
  return body;
}

/** instagram-text-2024's account and customer (an IGSID). */
export const INSTAGRAM_ACCOUNT = '17841462460365475';
export const INSTAGRAM_CUSTOMER = '24286888740958239';

/** instagram-text-2024 with this mid, time (ms) and text. */
export function instagramTextBody(mid: string, timestampMs: number, text: string): unknown {
  const body = structuredClone(loadFixture('instagram', 'instagram-text-2024').body) as any;
  body.entry[0].time = timestampMs;
  Object.assign(body.entry[0].messaging[0], { timestamp: timestampMs, message: { mid, text } });
  return body;
}

/** instagram-text-2024 turned into the customer's `messaging_seen` of the message `mid` (a `read` naming it). */
export function instagramReadBody(mid: string, timestampMs: number): unknown {
  const body = structuredClone(loadFixture('instagram', 'instagram-text-2024').body) as any;
  const item = body.entry[0].messaging[0];
  delete item.message;
  Object.assign(item, { timestamp: timestampMs, read: { mid } });
  return body;
}

/** whatsapp-image-caption with this message id and a `type` media object (id, mime type, optional caption). */
export function whatsAppMediaBody(
  id: string,
  type: 'image' | 'audio' | 'video' | 'document' | 'sticker',
  media: Record<string, unknown>,
): unknown {
  const body = structuredClone(loadFixture('whatsapp', 'whatsapp-image-caption').body) as any;
  const message = body.entry[0].changes[0].value.messages[0];
  delete message.image;
  Object.assign(message, { id, type, [type]: media });
  return body;
}

/** telegram-voice with this message_id and voice file_id. */
export function telegramVoiceBody(messageId: number, fileId: string, size: number): unknown {
  const body = structuredClone(loadFixture('telegram', 'telegram-voice').body) as any;
  body.update_id += messageId;
  body.message.message_id = messageId;
  Object.assign(body.message.voice, { file_id: fileId, file_size: size });
  return body;
}

/** Telegram's external id for a message of telegram-voice's chat. */
export const telegramVoiceExternalId = (messageId: number): string => `12345:${messageId}`;

/** messenger-file-attachment with this mid and one attachment of `type` at `url`. */
export function messengerAttachmentBody(mid: string, type: 'file' | 'image' | 'audio' | 'video', url: string): unknown {
  const body = structuredClone(loadFixture('messenger', 'messenger-file-attachment').body) as any;
  const message = body.entry[0].messaging[0].message;
  Object.assign(message, { mid, attachments: [{ type, payload: { url } }] });
  return body;
}

/** JSON as Meta serialises it: every character outside ASCII written as a `\uXXXX` escape. */
function metaJson(body: unknown): string {
  return JSON.stringify(body).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * whatsapp-text-basic's customer and number sending texts of 4,096 characters (WhatsApp's longest)
 * in Cyrillic, as many as fit in `bytes` as Meta writes them (about 20 KB each, escaped), in one
 * batch: a webhook at the size Meta documents as its largest.
 */
export function whatsAppBatchBytes(idPrefix: string, bytes: number): { raw: Buffer; ids: string[]; texts: string[] } {
  const body = whatsAppTextBody(`${idPrefix}.0`, 1750003000) as any;
  const value = body.entry[0].changes[0].value;
  const [template] = value.messages;
  value.messages = [];
  const ids: string[] = [];
  const texts: string[] = [];
  let size = metaJson(body).length;
  for (let i = 0; ; i++) {
    const text = `${i}: ${'Здравствуйте, есть ли другой цвет? '.repeat(120)}`.slice(0, 4096);
    const message = { ...template, id: `${idPrefix}.${i}`, timestamp: String(1750003000 + i), text: { body: text } };
    const added = metaJson(message).length + 1;
    if (size + added > bytes) break;
    value.messages.push(message);
    ids.push(message.id);
    texts.push(text);
    size += added;
  }
  return { raw: Buffer.from(metaJson(body)), ids, texts };
}
