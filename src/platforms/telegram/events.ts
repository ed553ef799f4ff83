import { createHash } from 'node:crypto';
import type { InboundItem, MessageContent } from '../types.js';
import { messageAddress, senderId } from './address.js';
import { compact, id, record, string, unixToIso, type JsonRecord } from './guards.js';
import { normaliseMessage } from './normalise.js';
import type { TelegramEventType } from './types.js';

/** What every item of one update shares: its stable key and the time it was received. */
export interface UpdateContext {
  /** `update:<update_id>`, or a key built from the content when the update has no id. */
  itemKey: (fallback: string) => string;
  receivedAt: Date;
  raw: unknown;
}

export type EventFields = Pick<InboundItem, 'externalId' | 'from' | 'conversationKey' | 'text' | 'timestamp'> & {
  content: MessageContent;
};

/** `fallbackKey` is used only when the update has no `update_id`; it never holds the receipt time. */
export function eventItem(
  type: TelegramEventType,
  fallbackKey: string,
  fields: EventFields,
  context: UpdateContext,
): InboundItem {
  const itemKey = context.itemKey(`${type}:${fallbackKey}`);
  return { kind: 'event', type, itemKey, account: null, direction: 'inbound', raw: context.raw, ...fields };
}

/** The first valid Unix time given, else the receipt time. */
export function timestamp(context: UpdateContext, ...seconds: unknown[]): string {
  return seconds.map(unixToIso).find((iso) => iso !== undefined) ?? context.receivedAt.toISOString();
}

/** `edited_*`: the new version of a known message; its time is the edit's, not the send's. */
export function editEvent(message: JsonRecord, context: UpdateContext): InboundItem | undefined {
  const address = messageAddress(message);
  if (!address) return undefined;
  const { text, content } = normaliseMessage(message);
  return eventItem(
    'edit',
    `${address.externalId}:${String(message.edit_date)}`,
    {
      externalId: address.externalId,
      from: senderId(message, address.chatId),
      conversationKey: address.conversationKey,
      text,
      timestamp: timestamp(context, message.edit_date, message.date),
      content,
    },
    context,
  );
}

/**
 * A button press. Callback queries carry no date, so the time is when the update arrived.
 * The target is the bot's message with the button, or the inline message it was sent as.
 */
export function callbackEvent(query: JsonRecord, context: UpdateContext): InboundItem | undefined {
  const queryId = string(query.id);
  if (!queryId) return undefined;
  const message = record(query.message);
  const address = messageAddress(message);
  const payload = string(query.data) ?? string(query.game_short_name);
  const extra = compact({
    inlineMessageId: string(query.inline_message_id),
    chatInstance: string(query.chat_instance),
    gameShortName: string(query.game_short_name),
    messageInaccessible: message?.date === 0 ? true : undefined,
  });
  return eventItem(
    'callback_query',
    queryId,
    {
      externalId: address?.externalId ?? string(query.inline_message_id) ?? queryId,
      from: id(record(query.from)?.id) ?? null,
      conversationKey: address?.conversationKey ?? null,
      text: payload ?? null,
      timestamp: context.receivedAt.toISOString(),
      content: compact<MessageContent>({
        kind: 'interactive_reply',
        reply: compact({ id: queryId, payload }),
        replyTo: address?.externalId,
        extra: Object.keys(extra).length > 0 ? extra : undefined,
      }),
    },
    context,
  );
}

const PRESENT_STATUSES = new Set(['creator', 'administrator', 'member']);

/**
 * `my_chat_member` (the bot itself: added, removed, blocked in a private chat) and
 * `chat_member` (anyone, for admin bots). The target is the member whose status changed.
 */
export function membershipEvent(
  scope: 'bot' | 'member',
  update: JsonRecord,
  context: UpdateContext,
): InboundItem | undefined {
  const chatId = id(record(update.chat)?.id);
  if (!chatId) return undefined;
  const before = record(update.old_chat_member);
  const after = record(update.new_chat_member);
  const userId = id(record(after?.user)?.id) ?? id(record(before?.user)?.id);
  const wasIn = isPresent(before);
  const isIn = isPresent(after);
  const change = wasIn === isIn ? 'updated' : isIn ? 'joined' : 'left';
  const membership = compact({
    scope,
    userId,
    oldStatus: string(before?.status),
    newStatus: string(after?.status),
    change,
    viaJoinRequest: update.via_join_request === true ? true : undefined,
    inviteLink: string(record(update.invite_link)?.invite_link),
  });
  return eventItem(
    'membership',
    `${scope}:${chatId}:${String(userId)}:${String(update.date)}`,
    {
      externalId: userId ? `${chatId}:member:${userId}` : chatId,
      from: id(record(update.from)?.id) ?? null,
      conversationKey: chatId,
      text: null,
      timestamp: timestamp(context, update.date),
      content: { kind: 'system', extra: { membership } },
    },
    context,
  );
}

/**
 * A user bought paid media the bot sent with a payload. The update names neither the chat nor
 * the message, only the buyer and the payload, so it joins no conversation.
 */
export function paidMediaPurchaseEvent(purchase: JsonRecord, context: UpdateContext): InboundItem | undefined {
  const buyer = id(record(purchase.from)?.id);
  const payload = string(purchase.paid_media_payload);
  if (!buyer || payload === undefined) return undefined;
  const fallbackKey = `${buyer}:${contentHash(payload)}`;
  return eventItem(
    'paid_media_purchase',
    fallbackKey,
    {
      externalId: context.itemKey(`paid_media_purchase:${fallbackKey}`),
      from: buyer,
      conversationKey: null,
      text: payload,
      timestamp: context.receivedAt.toISOString(),
      content: { kind: 'system', extra: { paidMediaPurchase: { userId: buyer, payload } } },
    },
    context,
  );
}

export function contentHash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex')
    .slice(0, 32);
}

function isPresent(member: JsonRecord | undefined): boolean {
  const status = string(member?.status);
  if (status === 'restricted') return member?.is_member === true;
  return status !== undefined && PRESENT_STATUSES.has(status);
}

/** Any update kind this adapter does not model: kept whole, with its field name. */
export function unknownEvent(kind: string, value: unknown, context: UpdateContext): InboundItem {
  const payload = record(value);
  const fallbackKey = `${kind}:${contentHash(value)}`;
  return eventItem(
    'unknown',
    fallbackKey,
    {
      externalId: context.itemKey(`unknown:${fallbackKey}`),
      from: id(record(payload?.from)?.id) ?? null,
      conversationKey: id(record(payload?.chat)?.id) ?? null,
      text: null,
      timestamp: timestamp(context, payload?.date),
      content: { kind: 'unsupported', extra: { updateKind: kind } },
    },
    context,
  );
}
