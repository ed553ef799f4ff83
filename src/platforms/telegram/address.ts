import { id, number, record, type JsonRecord } from './guards.js';

/** Where a message lives: its chat and its `<chat.id>:<message_id>` external id. */
export interface MessageAddress {
  chatId: string;
  externalId: string;
  conversationKey: string;
}

/** Undefined when the message lacks a chat id or a message id: then it has no address. */
export function messageAddress(message: JsonRecord | undefined): MessageAddress | undefined {
  const chatId = id(record(message?.chat)?.id);
  const messageId = id(message?.message_id);
  if (!message || !chatId || !messageId) return undefined;
  return { chatId, externalId: `${chatId}:${messageId}`, conversationKey: conversationKey(chatId, message) };
}

/**
 * One conversation per chat, and one per topic in forum supergroups (`<chat.id>:<thread_id>`),
 * since each topic is its own thread in Telegram's clients. Reply threads outside forums
 * (comments under a channel post) stay in their chat's conversation.
 */
function conversationKey(chatId: string, message: JsonRecord): string {
  const threadId = number(message.message_thread_id);
  return message.is_topic_message === true && threadId !== undefined ? `${chatId}:${threadId}` : chatId;
}

/**
 * The author as the corpus names it: the chat a message was sent on behalf of (a channel's
 * own posts, anonymous admins, linked-channel forwards), else the user, else the chat itself.
 */
export function senderId(message: JsonRecord, chatId: string): string {
  return id(record(message.sender_chat)?.id) ?? id(record(message.from)?.id) ?? chatId;
}
