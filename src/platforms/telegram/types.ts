import type { MessageContent } from '../types.js';
/**
 * Telegram Bot API payload types, from the maintained `@grammyjs/types` package.
 * Webhook bodies are untrusted: these types describe what Telegram documents, and the
 * extractor still checks every field it reads before relying on it.
 */
import type { Message, Update } from '@grammyjs/types';

export type {
  CallbackQuery,
  Chat,
  ChatMember,
  ChatMemberUpdated,
  Message,
  MessageEntity,
  MessageOrigin,
  MessageReactionUpdated,
  PhotoSize,
  ReactionType,
  Update,
  User,
} from '@grammyjs/types';

/** The request header Telegram fills with the `secret_token` given to `setWebhook`. */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Update fields that carry a new message, and those that carry a new version of one. */
export const MESSAGE_UPDATE_KINDS = [
  'message',
  'channel_post',
  'business_message',
  'guest_message',
] as const satisfies ReadonlyArray<keyof Update>;
export const EDIT_UPDATE_KINDS = [
  'edited_message',
  'edited_channel_post',
  'edited_business_message',
] as const satisfies ReadonlyArray<keyof Update>;

/** A Message field name; checked against the Bot API types so a typo fails the build. */
export type MessageField = keyof Message;

/** Event item types this adapter emits (`InboundItem.type` of `kind: 'event'` items). */
export type TelegramEventType =
  | 'edit'
  | 'delete'
  | 'callback_query'
  | 'reaction'
  | 'reaction_count'
  | 'membership'
  | 'business_connection'
  | 'paid_media_purchase'
  | 'unknown';

/** A message's body in the corpus's `type` convention, its display text and its content. */
export interface NormalisedMessage {
  type: string;
  text: string | null;
  content: MessageContent;
}
