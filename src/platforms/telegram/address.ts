import { id, number, record, string, type JsonRecord } from './guards.js';

/**
 * How a chat is reached. A business connection's chats and a guest query's chat are separate
 * from the bot's own chat with the same id (their message ids are their own), and a reply to
 * them must name the connection (`business_connection_id`) or answer the query (`answerGuestQuery`).
 */
export type ChatRoute =
  | { kind: 'bot' }
  | { kind: 'business'; connectionId: string }
  | { kind: 'guest'; queryId: string };

/** Everything a reply needs to land where a conversation's messages are: its conversation key, decoded. */
export interface ReplyAddress {
  chatId: string;
  route: ChatRoute;
  /** A forum topic (`message_thread_id`). */
  threadId?: number;
  /** A topic of a channel's direct messages chat (`direct_messages_topic_id`). */
  directMessagesTopicId?: number;
}

/** Where a message lives: its chat, its external id (`<chat key>:<message_id>`) and its conversation. */
export interface MessageAddress {
  chatId: string;
  externalId: string;
  conversationKey: string;
}

/**
 * `<chat>` for the bot's own chats; `business:<connection>:<chat>` and `guest:<query>:<chat>`
 * for the others, the opaque id URI-encoded so it holds no `:`.
 */
export function chatKey(chatId: string, route: ChatRoute): string {
  if (route.kind === 'business') return `business:${encodeURIComponent(route.connectionId)}:${chatId}`;
  if (route.kind === 'guest') return `guest:${encodeURIComponent(route.queryId)}:${chatId}`;
  return chatId;
}

/**
 * One conversation per chat, one per topic in forum supergroups (`<chat>:<thread_id>`), since
 * each topic is its own thread in Telegram's clients, and one per user in a channel's direct
 * messages chat (`<chat>:dm:<topic_id>`). Reply threads outside forums (comments under a
 * channel post) stay in their chat's conversation.
 */
export function conversationKeyOf(address: ReplyAddress): string {
  const chat = chatKey(address.chatId, address.route);
  if (address.directMessagesTopicId !== undefined) return `${chat}:dm:${address.directMessagesTopicId}`;
  return address.threadId !== undefined ? `${chat}:${address.threadId}` : chat;
}

const CONVERSATION_KEY = /^(?:(business|guest):([^:]+):)?(-?\d+)(?::(dm:)?(\d+))?$/;

/** The reply address a conversation key (as `conversationKeyOf` writes it) stands for; undefined if it is none. */
export function parseConversationKey(key: string): ReplyAddress | undefined {
  const match = CONVERSATION_KEY.exec(key);
  if (!match) return undefined;
  const [, via, encodedId, chatId, dm, topic] = match;
  const routeId = encodedId === undefined ? '' : decodeURIComponent(encodedId);
  const route: ChatRoute =
    via === 'business'
      ? { kind: 'business', connectionId: routeId }
      : via === 'guest'
        ? { kind: 'guest', queryId: routeId }
        : { kind: 'bot' };
  const at = topic === undefined ? {} : dm ? { directMessagesTopicId: Number(topic) } : { threadId: Number(topic) };
  return { chatId: chatId as string, route, ...at };
}

/** The route a message came by: the business connection or guest query it names, else the bot's chat. */
function routeOf(message: JsonRecord): ChatRoute {
  const connectionId = string(message.business_connection_id);
  if (connectionId) return { kind: 'business', connectionId };
  const queryId = string(message.guest_query_id);
  if (queryId) return { kind: 'guest', queryId };
  return { kind: 'bot' };
}

/** The chat key of the chat a message is in (see `chatKey`); undefined without a chat id. */
export function messageChatKey(message: JsonRecord): string | undefined {
  const chatId = id(record(message.chat)?.id);
  return chatId && chatKey(chatId, routeOf(message));
}

/** Undefined when the message lacks a chat id or a message id: then it has no address. */
export function messageAddress(message: JsonRecord | undefined): MessageAddress | undefined {
  const chatId = id(record(message?.chat)?.id);
  const messageId = id(message?.message_id);
  if (!message || !chatId || !messageId) return undefined;
  const route = routeOf(message);
  const threadId = number(message.message_thread_id);
  const address: ReplyAddress = {
    chatId,
    route,
    directMessagesTopicId: number(record(message.direct_messages_topic)?.topic_id),
    threadId: message.is_topic_message === true ? threadId : undefined,
  };
  return {
    chatId,
    externalId: `${chatKey(chatId, route)}:${messageId}`,
    conversationKey: conversationKeyOf(address),
  };
}

/**
 * The author as the corpus names it: the chat a message was sent on behalf of (a channel's
 * own posts, anonymous admins, linked-channel forwards), else the user, else the chat itself.
 */
export function senderId(message: JsonRecord, chatId: string): string {
  return id(record(message.sender_chat)?.id) ?? id(record(message.from)?.id) ?? chatId;
}
