import { reject } from '../collector.js';
import { keyFrom } from '../item-key.js';
import { eventItem, statusItem, type ItemOrigin } from '../items.js';
import { listAt, numberAt, textAt, withoutUndefined, type Untrusted } from '../json.js';
import type { InboundItem } from '../../types.js';
import type { MessagingDelivery, MessagingReaction, MessagingRead, MessagingReferral } from './types.js';

/** The customer a receipt is about: the status `recipient`. */
function reader(origin: ItemOrigin): string {
  return origin.conversationKey ?? reject('receipt names no user');
}

/** Instagram names the message seen (a `read` status); Messenger gives a watermark (a `read` event). */
export function readRead(read: Untrusted<MessagingRead>, origin: ItemOrigin): InboundItem[] {
  const mid = textAt(read, 'mid');
  if (mid !== undefined)
    return [statusItem(origin, { externalId: mid, type: 'read', status: 'read', recipient: reader(origin) })];
  return [watermarkEvent('read', numberAt(read, 'watermark'), origin)];
}

/** One `delivered` status per mid; a delivery with only a watermark is kept as an event. */
export function readDelivery(delivery: Untrusted<MessagingDelivery>, origin: ItemOrigin): InboundItem[] {
  const mids = listAt(delivery, 'mids').filter((mid): mid is string => typeof mid === 'string' && mid !== '');
  if (mids.length === 0) return [watermarkEvent('delivery', numberAt(delivery, 'watermark'), origin)];
  const recipient = reader(origin);
  return mids.map((mid) => statusItem(origin, { externalId: mid, type: 'delivery', status: 'delivered', recipient }));
}

function watermarkEvent(type: 'read' | 'delivery', watermark: number | undefined, origin: ItemOrigin): InboundItem {
  const itemKey = keyFrom(type, reader(origin), watermark ?? origin.timestamp);
  return eventItem(origin, { type, itemKey, content: { kind: 'system', extra: withoutUndefined({ watermark }) } });
}

/** React or unreact: an event on the target message; an unreact has no emoji. */
export function readReaction(reaction: Untrusted<MessagingReaction>, origin: ItemOrigin): InboundItem[] {
  const mid = textAt(reaction, 'mid') ?? reject('reaction names no message');
  const action = textAt(reaction, 'action') ?? 'react';
  const name = textAt(reaction, 'reaction');
  const emoji = action === 'unreact' ? null : (textAt(reaction, 'emoji') ?? name ?? null);
  const itemKey = keyFrom(mid, 'reaction', action, origin.from ?? undefined, origin.timestamp);
  const content = {
    kind: 'reaction' as const,
    reaction: { targetId: mid, emoji },
    extra: withoutUndefined({ action, reaction: name }),
  };
  return [eventItem(origin, { type: 'reaction', itemKey, externalId: mid, text: emoji, content })];
}

/** A user (re-)entered the conversation through an ad, a m.me link, a plugin... */
export function readReferral(referral: Untrusted<MessagingReferral>, origin: ItemOrigin): InboundItem[] {
  const itemKey = keyFrom('referral', origin.from ?? undefined, origin.timestamp);
  const content = { kind: 'referral' as const, referral, extra: withoutUndefined({ adId: textAt(referral, 'ad_id') }) };
  return [eventItem(origin, { type: 'referral', itemKey, content })];
}
