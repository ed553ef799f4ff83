import type { ContentKind, MediaRef, MessageContent } from '../types.js';
import type { MessageBody } from '../meta/items.js';
import {
  flagAt,
  listAt,
  numberAt,
  objectAt,
  stringAt,
  textAt,
  withoutUndefined,
  type Untrusted,
} from '../meta/json.js';
import { readInteractive } from './interactive.js';
import type { WhatsAppMedia, WhatsAppMessage } from './types.js';

type Message = Untrusted<WhatsAppMessage>;
type MediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker';

function mediaOf(media: Untrusted<WhatsAppMedia & { filename?: string }> | undefined): MediaRef | undefined {
  if (!media) return undefined;
  return withoutUndefined({
    id: textAt(media, 'id'),
    url: textAt(media, 'url'),
    mimeType: textAt(media, 'mime_type'),
    sha256: textAt(media, 'sha256'),
    filename: textAt(media, 'filename'),
  });
}

/** Image, video, document: media plus an optional caption, which is the item's text. */
const withMedia = (type: MediaType, kind: ContentKind) => (message: Message) => {
  const media = objectAt(message, type);
  return withoutUndefined<MessageContent>({ kind, caption: textAt(media, 'caption'), media: mediaOf(media) });
};

function audio(message: Message): MessageContent {
  const voice = flagAt(objectAt(message, 'audio'), 'voice');
  return { ...withMedia('audio', voice ? 'voice' : 'audio')(message) };
}

function sticker(message: Message): MessageContent {
  const animated = flagAt(objectAt(message, 'sticker'), 'animated');
  return { ...withMedia('sticker', 'sticker')(message), ...(animated ? { extra: { animated } } : {}) };
}

function location(message: Message): MessageContent {
  const place = objectAt(message, 'location');
  const latitude = numberAt(place, 'latitude');
  const longitude = numberAt(place, 'longitude');
  if (latitude === undefined || longitude === undefined) return { kind: 'unsupported' };
  const details = { name: textAt(place, 'name'), address: textAt(place, 'address'), url: textAt(place, 'url') };
  return { kind: 'location', location: withoutUndefined({ latitude, longitude, ...details }) };
}

/** A template quick-reply tap: `button.text` is the label, `payload` what the template set. */
function button(message: Message): MessageContent {
  const tapped = objectAt(message, 'button');
  const text = textAt(tapped, 'text');
  return withoutUndefined({
    kind: 'interactive_reply',
    text,
    reply: withoutUndefined({ title: text, payload: textAt(tapped, 'payload') }),
  });
}

/** Removing a reaction is sent as `"emoji": ""` or with no emoji at all: both read as null. */
function reaction(message: Message): MessageContent {
  const reacted = objectAt(message, 'reaction');
  const targetId = textAt(reacted, 'message_id');
  if (targetId === undefined) return { kind: 'unsupported' };
  return { kind: 'reaction', reaction: { targetId, emoji: stringAt(reacted, 'emoji') || null } };
}

function order(message: Message): MessageContent {
  const placed = objectAt(message, 'order');
  return withoutUndefined({ kind: 'order', text: textAt(placed, 'text'), order: placed });
}

/**
 * Number changes: `system.wa_id` is the new number (older payloads: `new_wa_id`). Both number
 * and BSUID changes carry the new BSUID (`user_id`) and the one before (`previous_user_id`).
 */
function system(message: Message): MessageContent {
  const notice = objectAt(message, 'system');
  const extra = withoutUndefined({
    systemType: textAt(notice, 'type'),
    newWaId: textAt(notice, 'wa_id') ?? textAt(notice, 'new_wa_id'),
    newUserId: textAt(notice, 'user_id'),
    previousUserId: textAt(notice, 'previous_user_id'),
    customer: textAt(notice, 'customer'),
    identity: textAt(notice, 'identity'),
  });
  return withoutUndefined({ kind: 'system', text: textAt(notice, 'body'), extra });
}

/** Content WhatsApp cannot deliver to the API (edits, polls...): kept with what it says it was. */
function unsupported(message: Message): MessageContent {
  const extra = withoutUndefined({
    unsupportedType: textAt(objectAt(message, 'unsupported'), 'type'),
    errors: message.errors,
  });
  return { kind: 'unsupported', ...(Object.keys(extra).length > 0 ? { extra } : {}) };
}

const READERS: Record<string, (message: Message) => MessageContent> = {
  text: (message) => withoutUndefined({ kind: 'text', text: textAt(objectAt(message, 'text'), 'body') }),
  image: withMedia('image', 'image'),
  video: withMedia('video', 'video'),
  document: withMedia('document', 'document'),
  audio,
  sticker,
  location,
  contacts: (message) => ({ kind: 'contacts', contacts: listAt(message, 'contacts') }),
  interactive: (message) => readInteractive(objectAt(message, 'interactive')),
  button,
  reaction,
  order,
  system,
  unsupported,
};

/** What `context` adds to any message: the quoted message, forwarding, a product asked about. */
function contextOf(message: Message): Partial<MessageContent> {
  const context = objectAt(message, 'context');
  const frequentlyForwarded = flagAt(context, 'frequently_forwarded');
  const forwarded = flagAt(context, 'forwarded') || frequentlyForwarded;
  const extra = withoutUndefined({
    frequentlyForwarded: frequentlyForwarded || undefined,
    referredProduct: objectAt(context, 'referred_product'),
  });
  return withoutUndefined({
    replyTo: textAt(context, 'id'),
    forwarded: forwarded || undefined,
    referral: objectAt(message, 'referral'),
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  });
}

/**
 * A WhatsApp message's corpus type (its `type`, but `voice` for voice notes), its text
 * (body, caption, button or row title, emoji...) and its content. An unknown type is kept
 * as `unsupported` content under its own type name.
 */
export function normaliseWhatsAppMessage(message: Message): MessageBody {
  const type = textAt(message, 'type');
  const read = type !== undefined && Object.hasOwn(READERS, type) ? READERS[type] : unsupported;
  const body = read(message);
  const context = contextOf(message);
  const content = withoutUndefined({ ...body, ...context, extra: mergeExtra(body.extra, context.extra) });
  const text = content.text ?? content.caption ?? content.reaction?.emoji ?? null;
  return { type: content.kind === 'voice' ? 'voice' : (type ?? 'unsupported'), text, content };
}

function mergeExtra(...parts: (Record<string, unknown> | undefined)[]): Record<string, unknown> | undefined {
  const merged = Object.assign({}, ...parts) as Record<string, unknown>;
  return Object.keys(merged).length > 0 ? merged : undefined;
}
