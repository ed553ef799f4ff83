// How the dashboard words and dates what the API answers: pure functions, tested by calling them
// (test/web/format.test.ts). `locale` and `timeZone` default to the browser's.

import type { Attachment, ChannelRef, ConversationSummary, DeliveryStatus, Message } from './api-types.js';
import { STRINGS } from './strings.js';

/** The contact as a conversation names it: its name, else its username, else the platform's key. */
export function contactLabel(c: Pick<ConversationSummary, 'contactName' | 'contactUsername' | 'conversationKey'>) {
  return c.contactName ?? c.contactUsername ?? c.conversationKey;
}

/** How a conversation names its channel: its name, marked when removed; "unrouted" when it has none. */
export function channelLabel(channel: ChannelRef | null): string {
  if (!channel) return STRINGS.channel.unrouted;
  return channel.removed ? STRINGS.channel.removed(channel.name) : channel.name;
}

/**
 * An avatar's letters: the first letters of a name's first and last words ("Sheena Nelson" → "SN"),
 * a username's first letter, or "#" for a bare number or key, which has no letters worth showing.
 */
export function initials(label: string): string {
  const words = label
    .replace(/^@/, '')
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word));
  if (words.length === 0) return '#';
  const first = [...(words[0] ?? '')][0] ?? '';
  const last = words.length > 1 ? ([...(words.at(-1) ?? '')][0] ?? '') : '';
  return (first + last).toUpperCase();
}

const TICKS: Record<DeliveryStatus, string> = {
  queued: '🕓',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  played: '✓✓',
  failed: '✗',
};

/** A delivery tick's mark and tooltip: the status, and for a failed message the reason given. */
export function tick(m: Pick<Message, 'deliveryStatus' | 'deliveryError'>): { mark: string; title: string } | null {
  if (!m.deliveryStatus) return null;
  const reason = m.deliveryStatus === 'failed' ? (m.deliveryError?.message ?? m.deliveryError?.title) : undefined;
  return { mark: TICKS[m.deliveryStatus] ?? '', title: reason ? STRINGS.tick.failed(reason) : m.deliveryStatus };
}

/** A file's size as the thread shows it: whole kilobytes, rounded up; empty when unknown. */
export function fileSize(bytes: number | null): string {
  return bytes === null ? '' : ` (${Math.ceil(bytes / 1024)} KB)`;
}

/** How an attachment is shown: a kind of player, or a line of text for one not (or no longer) stored. */
export type AttachmentShape =
  | { as: 'text'; className: string; text: string; title?: string }
  | { as: 'image' | 'audio' | 'video'; src: string; kind: string }
  | { as: 'document'; src: string; text: string; filename: string };

/**
 * One attachment as Omni fetched it: a stored image inline (never SVG, which can carry script),
 * audio and video with players, anything else as a download; a placeholder while pending, the
 * reason when it failed, a note once erased.
 */
export function attachmentShape(a: Attachment): AttachmentShape {
  const kind = a.contentKind;
  if (a.state === 'pending') return { as: 'text', className: 'pending', text: STRINGS.attachment.fetching(kind) };
  if (a.state === 'failed') {
    return { as: 'text', className: 'failed', text: STRINGS.attachment.failed(kind, a.reason), title: a.reason ?? '' };
  }
  if (a.state === 'erased') return { as: 'text', className: 'erased', text: STRINGS.attachment.erased(kind) };
  const src = `/api/media/${a.id}`;
  const mime = a.mimeType ?? '';
  if (mime.startsWith('image/') && !mime.startsWith('image/svg')) return { as: 'image', src, kind };
  if (mime.startsWith('audio/')) return { as: 'audio', src, kind };
  if (mime.startsWith('video/')) return { as: 'video', src, kind };
  const text = (a.filename ?? STRINGS.attachment.download(kind)) + fileSize(a.size);
  return { as: 'document', src, text, filename: a.filename ?? '' };
}

/** A timestamp in full: date and time in the reader's locale (the list's tooltip, the contact panel). */
export function formatDateTime(iso: string, locale?: string, timeZone?: string): string {
  return new Date(iso).toLocaleString(locale, { timeZone });
}

/**
 * A timestamp as short as the list can show it: the time for today, the day and month for this
 * year, else the date with its year.
 */
export function formatListTime(iso: string, now: Date, locale?: string, timeZone?: string): string {
  const at = new Date(iso);
  const part = (date: Date, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, ...options }).format(date);
  if (part(at, { dateStyle: 'short' }) === part(now, { dateStyle: 'short' })) {
    return at.toLocaleTimeString(locale, { timeZone, hour: 'numeric', minute: '2-digit' });
  }
  if (part(at, { year: 'numeric' }) === part(now, { year: 'numeric' })) {
    return at.toLocaleDateString(locale, { timeZone, month: 'short', day: 'numeric' });
  }
  return at.toLocaleDateString(locale, { timeZone, dateStyle: 'short' });
}

/** A message's time of day in the reader's locale. */
export function formatTime(iso: string, locale?: string, timeZone?: string): string {
  return new Date(iso).toLocaleTimeString(locale, { timeZone });
}
