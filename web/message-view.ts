// What a message bubble shows, decided from the API's message alone: pure, tested by calling it
// (test/web/message-view.test.ts). The components only draw what these return.

import type { Message, MessageContent, QuotedMessage, Reaction } from './api-types.js';
import { STRINGS } from './strings.js';

/** What kind of body a message has. */
export type BodyKind = 'reaction' | 'media' | 'location' | 'text';

const MEDIA_KINDS = ['image', 'video', 'audio', 'voice', 'document', 'sticker'];

/** A reaction (one the thread could not put on its message), media (with or without stored files), a place, or text. */
export function messageKind(m: Message): BodyKind {
  const kind = m.contentKind ?? m.content?.kind ?? m.type;
  if (kind === 'reaction') return 'reaction';
  if (kind === 'location' && m.content?.location) return 'location';
  if (m.content?.media || MEDIA_KINDS.includes(kind)) return 'media';
  return 'text';
}

/** The text a message has now: its latest edit's, else what Omni received. */
export function shownText(m: Pick<Message, 'text' | 'edit'>): string | null {
  return m.edit ? m.edit.text : m.text;
}

/**
 * The messages as the thread lists them: a reaction that came as a message of its own (WhatsApp's)
 * is shown on the message it names when that message is listed too, and as a bubble otherwise.
 */
export function threadMessages(messages: readonly Message[]): Message[] {
  const listed = new Set(messages.map((m) => m.externalId));
  return messages.filter((m) => {
    const target = m.content?.reaction?.targetId;
    return !(messageKind(m) === 'reaction' && target !== undefined && listed.has(target));
  });
}

/** One emoji under a message: how many people left it, and who, for its tooltip. */
export interface ReactionChip {
  emoji: string;
  count: number;
  title: string;
}

/** The reactions on a message, one chip per emoji in the order first given. */
export function reactionChips(reactions: readonly Reaction[]): ReactionChip[] {
  const chips = new Map<string, string[]>();
  for (const { emoji, from } of reactions)
    chips.set(emoji, [...(chips.get(emoji) ?? []), from ?? STRINGS.thread.someone]);
  return [...chips].map(([emoji, people]) => ({
    emoji,
    count: people.length,
    title: STRINGS.thread.reactedBy(emoji, people.join(', ')),
  }));
}

/** The quoted message above a reply: its text (or kind), whose it is, and the bubble to scroll to when listed. */
export interface Quote {
  text: string;
  direction: 'inbound' | 'outbound' | null;
  /** The quoted message's row id, when Omni has it. */
  messageId: number | null;
}

export function quoteOf(q: QuotedMessage): Quote {
  const text = q.text ?? (q.contentKind ? `[${q.contentKind}]` : STRINGS.thread.earlierMessage);
  return { text, direction: q.direction, messageId: q.messageId };
}

/**
 * A place: what the customer named it (its name, else its address, else its coordinates) as text,
 * and a link to OpenStreetMap built from the coordinates when it has them (`href` null without).
 * The platform's own `url` is never linked: a customer chooses it, so it could lead anywhere
 * behind an innocent name (phishing).
 */
export function mapLink(
  location: NonNullable<MessageContent['location']>,
): { href: string | null; label: string } | null {
  const { latitude, longitude, name, address } = location;
  const hasPoint = typeof latitude === 'number' && typeof longitude === 'number';
  const label = name ?? address ?? (hasPoint ? STRINGS.thread.coordinates(latitude, longitude) : undefined);
  if (!label) return null;
  if (!hasPoint) return { href: null, label };
  const href = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
  return { href, label };
}
