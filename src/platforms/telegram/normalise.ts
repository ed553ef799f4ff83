import type { MessageContent } from '../types.js';
import { checklistBody } from './checklist.js';
import { messageContext } from './context.js';
import { array, compact, id, number, record, string, type JsonRecord } from './guards.js';
import { largestPhoto, mediaRef, stickerMimeType } from './media.js';
import { paidMediaBody } from './paid-media.js';
import { serviceContent } from './service.js';
import type { MessageField, NormalisedMessage } from './types.js';

type BodyReader = (value: JsonRecord, message: JsonRecord) => NormalisedMessage;

/**
 * Readers by message field, in precedence order: Telegram also sets `document` on an
 * animation, `photo` on a live photo and `location` on a venue for old clients, so the richer
 * field comes first.
 */
const BODY_READERS: ReadonlyArray<readonly [MessageField, BodyReader]> = [
  ['text', (_value, message) => textBody(message)],
  ['animation', (value, message) => media('animation', 'video', value, message)],
  ['live_photo', (value, message) => media('live_photo', 'video', value, message)],
  ['paid_media', (value, message) => paidMediaBody(value, message)],
  ['photo', (_value, message) => photoBody(message)],
  ['video', (value, message) => media('video', 'video', value, message)],
  ['video_note', (value, message) => media('video_note', 'video', value, message)],
  ['voice', (value, message) => media('voice', 'voice', value, message)],
  ['audio', (value, message) => media('audio', 'audio', value, message, audioExtra(value))],
  ['document', (value, message) => media('document', 'document', value, message)],
  ['sticker', (value, message) => stickerBody(value, message)],
  ['venue', (value) => venueBody(value)],
  ['location', (value) => locationBody(value)],
  ['contact', (value) => contactBody(value)],
  ['poll', (value) => pollBody(value)],
  ['checklist', (value) => checklistBody(value)],
  ['dice', (value) => diceBody(value)],
  ['story', (value) => ({ type: 'story', text: null, content: { kind: 'share', extra: { story: storyRef(value) } } })],
  ['web_app_data', (value) => webAppBody(value)],
];

/** Turns one Telegram Message into the platform-neutral content a UI can render. Never throws. */
export function normaliseMessage(message: JsonRecord): NormalisedMessage {
  const body = readBody(message);
  const context = messageContext(message);
  const extra = { ...context.extra, ...body.content.extra };
  const content: MessageContent = compact({
    ...body.content,
    replyTo: context.replyTo,
    forwarded: context.forwarded,
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  });
  return { type: body.type, text: body.text, content };
}

function readBody(message: JsonRecord): NormalisedMessage {
  for (const [field, read] of BODY_READERS) {
    const value = message[field];
    if (hasBody(field, value)) return read(record(value) ?? {}, message);
  }
  const service = serviceContent(message);
  if (service) return { type: 'system', text: null, content: service };
  return { type: 'unsupported', text: string(message.caption) ?? null, content: { kind: 'unsupported' } };
}

/** `text` is a string, `photo` a list of sizes, every other body an object. */
function hasBody(field: MessageField, value: unknown): boolean {
  if (field === 'text') return typeof value === 'string';
  if (field === 'photo') return Array.isArray(value);
  return record(value) !== undefined;
}

function textBody(message: JsonRecord): NormalisedMessage {
  const text = string(message.text) ?? '';
  const entities = Array.isArray(message.entities) ? message.entities : undefined;
  return {
    type: 'text',
    text,
    content: compact<MessageContent>({ kind: 'text', text, extra: entities && { entities } }),
  };
}

function photoBody(message: JsonRecord): NormalisedMessage {
  const largest = largestPhoto(message.photo);
  return media('image', 'image', largest ?? {}, message);
}

function media(
  type: string,
  kind: MessageContent['kind'],
  file: JsonRecord,
  message: JsonRecord,
  more?: JsonRecord,
): NormalisedMessage {
  const caption = string(message.caption);
  const entities = Array.isArray(message.caption_entities) ? message.caption_entities : undefined;
  const extra = compact({ ...more, entities, hasSpoiler: message.has_media_spoiler === true ? true : undefined });
  const content: MessageContent = compact({
    kind,
    media: mediaRef(file),
    caption,
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  });
  return { type, text: caption ?? null, content };
}

function audioExtra(audio: JsonRecord): JsonRecord {
  return compact({ performer: string(audio.performer), title: string(audio.title) });
}

function stickerBody(sticker: JsonRecord, message: JsonRecord): NormalisedMessage {
  const body = media('sticker', 'sticker', sticker, message, {
    emoji: string(sticker.emoji),
    setName: string(sticker.set_name),
  });
  body.content.media = { ...body.content.media, mimeType: stickerMimeType(sticker) };
  return body;
}

type Coordinates = { latitude: number; longitude: number };

function coordinates(location: JsonRecord | undefined): Coordinates | undefined {
  const latitude = number(location?.latitude);
  const longitude = number(location?.longitude);
  return latitude === undefined || longitude === undefined ? undefined : { latitude, longitude };
}

function locationBody(location: JsonRecord): NormalisedMessage {
  const extra = compact({
    livePeriod: number(location.live_period),
    horizontalAccuracy: number(location.horizontal_accuracy),
  });
  const content: MessageContent = compact<MessageContent>({
    kind: 'location',
    location: coordinates(location),
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  });
  return { type: 'location', text: null, content };
}

function venueBody(venue: JsonRecord): NormalisedMessage {
  const point = coordinates(record(venue.location));
  const location = point && compact({ ...point, name: string(venue.title), address: string(venue.address) });
  const venueIds = compact({ foursquareId: string(venue.foursquare_id), googlePlaceId: string(venue.google_place_id) });
  return {
    type: 'location',
    text: null,
    content: compact<MessageContent>({ kind: 'location', location, extra: { venue: venueIds } }),
  };
}

function contactBody(contact: JsonRecord): NormalisedMessage {
  const person = compact({
    firstName: string(contact.first_name),
    lastName: string(contact.last_name),
    phoneNumber: string(contact.phone_number),
    userId: id(contact.user_id),
    vcard: string(contact.vcard),
  });
  return { type: 'contacts', text: null, content: { kind: 'contacts', contacts: [person] } };
}

/** A poll renders as its question; the options travel in `extra.poll`. */
function pollBody(poll: JsonRecord): NormalisedMessage {
  const question = string(poll.question) ?? null;
  const options = array(poll.options).map((option) => {
    const value = record(option);
    return compact({ text: string(value?.text), voterCount: number(value?.voter_count) });
  });
  const extra = {
    poll: compact({
      id: string(poll.id),
      question: question ?? undefined,
      options,
      type: string(poll.type),
      isAnonymous: typeof poll.is_anonymous === 'boolean' ? poll.is_anonymous : undefined,
      allowsMultipleAnswers:
        typeof poll.allows_multiple_answers === 'boolean' ? poll.allows_multiple_answers : undefined,
      isClosed: typeof poll.is_closed === 'boolean' ? poll.is_closed : undefined,
    }),
  };
  return {
    type: 'poll',
    text: question,
    content: compact<MessageContent>({ kind: 'text', text: question ?? undefined, extra }),
  };
}

function diceBody(dice: JsonRecord): NormalisedMessage {
  const emoji = string(dice.emoji) ?? null;
  const extra = { dice: compact({ emoji: emoji ?? undefined, value: number(dice.value) }) };
  return {
    type: 'dice',
    text: emoji,
    content: compact<MessageContent>({ kind: 'text', text: emoji ?? undefined, extra }),
  };
}

function storyRef(story: JsonRecord): JsonRecord {
  return compact({ chatId: id(record(story.chat)?.id), id: number(story.id) });
}

/** Data a Web App sent back through a keyboard button: a reply like a button press. */
function webAppBody(data: JsonRecord): NormalisedMessage {
  const payload = string(data.data);
  const reply = compact({ title: string(data.button_text), payload });
  return { type: 'web_app_data', text: payload ?? null, content: { kind: 'interactive_reply', reply } };
}
