import type { ExtractError, ExtractResult, InboundItem } from '../types.js';
import { messageAddress, senderId } from './address.js';
import { businessConnectionEvent, deletedBusinessMessagesEvents } from './business.js';
import {
  callbackEvent,
  editEvent,
  membershipEvent,
  paidMediaPurchaseEvent,
  unknownEvent,
  type UpdateContext,
} from './events.js';
import { id, isRecord, record, unixToIso, type JsonRecord } from './guards.js';
import { normaliseMessage } from './normalise.js';
import { reactionCountEvent, reactionEvent } from './reactions.js';
import { EDIT_UPDATE_KINDS, MESSAGE_UPDATE_KINDS } from './types.js';

/** Reads one payload into its item, or its items (a deletion of several messages); undefined when it lacks its ids. */
type Reader = (value: JsonRecord, context: UpdateContext, kind: string) => InboundItem | InboundItem[] | undefined;

const READERS: Record<string, Reader> = {
  ...Object.fromEntries(MESSAGE_UPDATE_KINDS.map((kind) => [kind, messageItem])),
  ...Object.fromEntries(EDIT_UPDATE_KINDS.map((kind) => [kind, editEvent])),
  callback_query: callbackEvent,
  message_reaction: reactionEvent,
  message_reaction_count: reactionCountEvent,
  business_connection: businessConnectionEvent,
  deleted_business_messages: deletedBusinessMessagesEvents,
  purchased_paid_media: paidMediaPurchaseEvent,
  my_chat_member: (value, context) => membershipEvent('bot', value, context),
  chat_member: (value, context) => membershipEvent('member', value, context),
};

/** Every update type the extractor reads: what `setWebhook`'s `allowed_updates` asks Telegram for. */
export const TELEGRAM_UPDATE_TYPES: readonly string[] = Object.keys(READERS);

/**
 * Splits one Telegram Update (the webhook body) into items. Total: it never throws. An update
 * holds one payload field beside `update_id`; should a body hold several, each becomes an item.
 * A payload missing the ids an item needs becomes an ExtractError; an unknown one an `unknown` event.
 *
 * `receivedAt` dates what Telegram leaves undated (callback queries) and nothing else.
 */
export function extractTelegramUpdate(body: unknown, receivedAt: Date = new Date()): ExtractResult {
  if (!isRecord(body)) return { items: [], errors: [{ path: '', reason: 'body is not a JSON object', raw: body }] };
  const kinds = Object.keys(body).filter((key) => key !== 'update_id');
  if (kinds.length === 0) return { items: [], errors: [{ path: '', reason: 'update carries no payload', raw: body }] };
  const items: InboundItem[] = [];
  const errors: ExtractError[] = [];
  for (const kind of kinds) {
    const raw = kinds.length === 1 ? body : { update_id: body.update_id, [kind]: body[kind] };
    const context: UpdateContext = { itemKey: keyMaker(body, kind, kinds.length), receivedAt, raw };
    try {
      const read = readPayload(kind, body[kind], context);
      if (read) items.push(...[read].flat());
      else errors.push({ path: kind, reason: `${kind} is not an object with the ids its item needs`, raw: body[kind] });
    } catch (error) {
      // The readers guard every field they touch; this keeps a missed case from losing the batch.
      errors.push({ path: kind, reason: error instanceof Error ? error.message : String(error), raw: body[kind] });
    }
  }
  return { items, errors };
}

function readPayload(kind: string, value: unknown, context: UpdateContext): ReturnType<Reader> {
  const read = Object.hasOwn(READERS, kind) ? READERS[kind] : undefined;
  const payload = record(value);
  if (!read) return unknownEvent(kind, value, context);
  return payload ? read(payload, context, kind) : undefined;
}

/**
 * Event keys: `update:<update_id>`, which Telegram keeps across redeliveries of an update
 * (suffixed with the field should a body hold several), else the key built from the content.
 */
function keyMaker(body: JsonRecord, kind: string, payloads: number): (fallback: string) => string {
  const updateId = id(body.update_id);
  if (!updateId) return (fallback) => fallback;
  const key = payloads === 1 ? `update:${updateId}` : `update:${updateId}:${kind}`;
  return () => key;
}

/**
 * A new message. Business messages the account owner (or the bot on its behalf) writes to a
 * customer arrive too, in the customer's chat: those are outbound.
 */
function messageItem(message: JsonRecord, context: UpdateContext, kind: string): InboundItem | undefined {
  const address = messageAddress(message);
  if (!address) return undefined;
  const { type, text, content } = normaliseMessage(message);
  const authorId = id(record(message.from)?.id);
  const outbound = kind === 'business_message' && authorId !== undefined && authorId !== address.chatId;
  return {
    kind: 'message',
    externalId: address.externalId,
    itemKey: address.externalId,
    type,
    from: senderId(message, address.chatId),
    account: null,
    conversationKey: address.conversationKey,
    direction: outbound ? 'outbound' : 'inbound',
    text,
    timestamp: unixToIso(message.date) ?? context.receivedAt.toISOString(),
    content,
    raw: context.raw,
  };
}
