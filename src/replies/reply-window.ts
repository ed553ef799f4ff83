import type { ReplyWindow } from '../platforms/platform.js';
import { platformFor } from '../platforms/registry.js';
import type { PlatformName } from '../platforms/types.js';

const HOUR_MS = 3600_000;

/**
 * Whether a conversation's customer-service window is open: a free-form reply goes out as it is
 * while it is. `closesAt` is when it closes (null: the platform has no window, or the customer
 * never wrote); `whenClosed` is what a reply needs after that: a template (WhatsApp), Meta's
 * HUMAN_AGENT tag (Messenger, Instagram), or null where the platform has no window.
 */
export interface ReplyWindowState {
  open: boolean;
  closesAt: Date | null;
  whenClosed: 'template' | 'tag' | null;
}

/**
 * Whether `hours` from the customer's last message have not yet run out at `now` (the last moment
 * included); never, when the customer never wrote. The one computation of a window: the free-form
 * window here, the tagged one in `checkReplyRules`.
 */
export function withinHoursOf(lastInboundAt: Date | null, hours: number, now: Date): boolean {
  return lastInboundAt !== null && now.getTime() <= closingTime(lastInboundAt, hours).getTime();
}

const closingTime = (lastInboundAt: Date, hours: number) => new Date(lastInboundAt.getTime() + hours * HOUR_MS);

/** The window of a platform's rules, `lastInboundAt` being the customer's last message. */
export function windowState(window: ReplyWindow, lastInboundAt: Date | null, now = new Date()): ReplyWindowState {
  if (window.kind === 'none') return { open: true, closesAt: null, whenClosed: null };
  const whenClosed = window.kind === 'templates-after' ? 'template' : 'tag';
  if (!lastInboundAt) return { open: false, closesAt: null, whenClosed };
  const open = withinHoursOf(lastInboundAt, window.hours, now);
  return { open, closesAt: closingTime(lastInboundAt, window.hours), whenClosed };
}

/** A conversation's reply window on its platform (`checkReplyRules` refuses by the same state). */
export function replyWindowOf(platform: PlatformName, lastInboundAt: Date | null, now = new Date()): ReplyWindowState {
  return windowState(platformFor(platform).replyRules.window, lastInboundAt, now);
}
