import type { InboundItem } from '../types.js';
import { messageAddress } from './address.js';
import { eventItem, timestamp, type UpdateContext } from './events.js';
import { array, id, number, record, string, type JsonRecord } from './guards.js';

/** A user's (or anonymous admin's) reactions on one message changed: what was added and removed. */
export function reactionEvent(update: JsonRecord, context: UpdateContext): InboundItem | undefined {
  const address = messageAddress(update);
  if (!address) return undefined;
  const before = array(update.old_reaction).map(reactionLabel);
  const after = array(update.new_reaction).map(reactionLabel);
  const added = after.filter((label) => !before.includes(label));
  const removed = before.filter((label) => !after.includes(label));
  const emoji = added[0] ?? null;
  const actor = id(record(update.user)?.id) ?? id(record(update.actor_chat)?.id) ?? null;
  return eventItem(
    'reaction',
    `${address.externalId}:${String(actor)}:${String(update.date)}`,
    {
      externalId: address.externalId,
      from: actor,
      conversationKey: address.conversationKey,
      text: emoji,
      timestamp: timestamp(context, update.date),
      content: {
        kind: 'reaction',
        reaction: { targetId: address.externalId, emoji },
        extra: { added, removed, current: after },
      },
    },
    context,
  );
}

/** `👍`, `custom_emoji:<id>` or `paid`: one string per ReactionType so lists can be compared. */
function reactionLabel(reaction: unknown): string {
  const value = record(reaction);
  if (value?.type === 'emoji') return string(value.emoji) ?? 'emoji';
  if (value?.type === 'custom_emoji') return `custom_emoji:${string(value.custom_emoji_id) ?? ''}`;
  return string(value?.type) ?? 'unknown';
}

/**
 * The anonymous reactions on a channel post (or a chat with anonymous reactions) changed: only
 * their totals are known, listed as text (`👍 3 · 🔥 1`) and in `extra.counts`.
 */
export function reactionCountEvent(update: JsonRecord, context: UpdateContext): InboundItem | undefined {
  const address = messageAddress(update);
  if (!address) return undefined;
  const counts = array(update.reactions).map((entry) => {
    const value = record(entry);
    return { reaction: reactionLabel(value?.type), count: number(value?.total_count) ?? 0 };
  });
  return eventItem(
    'reaction_count',
    `${address.externalId}:${String(update.date)}`,
    {
      externalId: address.externalId,
      from: null,
      conversationKey: address.conversationKey,
      text: counts.map(({ reaction, count }) => `${reaction} ${count}`).join(' · ') || null,
      timestamp: timestamp(context, update.date),
      content: { kind: 'reaction', reaction: { targetId: address.externalId, emoji: null }, extra: { counts } },
    },
    context,
  );
}
