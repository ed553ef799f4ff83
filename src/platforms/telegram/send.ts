import { postRequest, unansweredOutcome } from '../send-http.js';
import type { OutboundFile, OutboundMessage, PlatformSender, ReplyContent } from '../types.js';
import { chatKey, parseConversationKey, type ReplyAddress } from './address.js';

export interface TelegramTarget {
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

const MEDIA_METHODS = {
  image: ['sendPhoto', 'photo'],
  document: ['sendDocument', 'document'],
  audio: ['sendAudio', 'audio'],
  video: ['sendVideo', 'video'],
} as const;

/** The Bot API method and its fields for one reply's content. */
function methodFor(content: ReplyContent): { method: string; fields: Record<string, unknown> } {
  if (content.kind === 'text') return { method: 'sendMessage', fields: { text: content.text } };
  if (content.kind === 'template') throw new Error('Telegram has no templates');
  const [method, field] = MEDIA_METHODS[content.mediaType];
  // An uploaded file is added to the request as this field's file part (see multipartBody).
  return {
    method,
    fields: {
      ...(content.url !== undefined ? { [field]: content.url } : {}),
      ...(content.caption !== undefined ? { caption: content.caption } : {}),
    },
  };
}

/**
 * The same request as multipart/form-data with the file in its method's field (`photo`,
 * `document`...): how the Bot API takes an uploaded file. Object fields go as JSON strings.
 */
async function multipartBody(
  body: Record<string, unknown>,
  content: ReplyContent,
  file: OutboundFile,
): Promise<FormData> {
  const form = new FormData();
  for (const [name, value] of Object.entries(body))
    form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  if (content.kind === 'media') form.append(MEDIA_METHODS[content.mediaType][1], await file.read(), file.filename);
  return form;
}

/** Where the reply goes, as Bot API fields: the chat, and the business connection or topic it is in. */
function destination(address: ReplyAddress): Record<string, unknown> {
  return {
    ...(address.route.kind === 'business' ? { business_connection_id: address.route.connectionId } : {}),
    chat_id: address.chatId,
    ...(address.threadId !== undefined ? { message_thread_id: address.threadId } : {}),
    ...(address.directMessagesTopicId !== undefined ? { direct_messages_topic_id: address.directMessagesTopicId } : {}),
  };
}

/**
 * A guest query is answered once, with an inline result: a text reply goes as an article whose
 * message is the text. Media answers would need a result type per kind; they are refused.
 */
function guestAnswer(queryId: string, chat: string, content: ReplyContent): TelegramSendRequest | undefined {
  if (content.kind !== 'text') return undefined;
  const result = {
    type: 'article',
    id: 'omni-reply',
    title: content.text.slice(0, 64),
    input_message_content: { message_text: content.text },
  };
  return { method: 'answerGuestQuery', body: { guest_query_id: queryId, result }, chatKey: chat };
}

export interface TelegramSendRequest {
  method: string;
  body: Record<string, unknown>;
  /** The chat key a sent message's id is prefixed with (`<chat key>:<message_id>`), as the extractor keys it. */
  chatKey: string;
}

/**
 * The Bot API call for one reply, from its conversation key (see `conversationKeyOf`); a reply
 * target's id is `<chat key>:<message_id>`. Undefined when the key is no Telegram address or a
 * guest query is answered with media.
 */
export function telegramSendRequest(message: OutboundMessage): TelegramSendRequest | undefined {
  const address = parseConversationKey(message.conversationKey);
  if (!address) return undefined;
  const chat = chatKey(address.chatId, address.route);
  if (address.route.kind === 'guest') return guestAnswer(address.route.queryId, chat, message.content);
  const { method, fields } = methodFor(message.content);
  const replyTo = message.replyTo?.split(':').at(-1);
  return {
    method,
    chatKey: chat,
    body: {
      ...destination(address),
      ...fields,
      // Sent even if the quoted message was deleted meanwhile, rather than failing the reply.
      ...(replyTo ? { reply_parameters: { message_id: Number(replyTo), allow_sending_without_reply: true } } : {}),
    },
  };
}

interface BotApiAnswer {
  ok?: boolean;
  /** A sent Message, or for `answerGuestQuery` a SentGuestMessage. */
  result?: { message_id?: number; inline_message_id?: string };
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

/** Sends through the Bot API. The token is part of the URL, so reasons name only the method. */
export function createTelegramSender(target: TelegramTarget): PlatformSender {
  return {
    name: 'telegram',
    async send(message) {
      const request = telegramSendRequest(message);
      if (!request) {
        const reason = `telegram: no Bot API call sends this reply to ${message.conversationKey}`;
        return { outcome: 'rejected', code: 'unsendable', reason };
      }
      const { method, body, chatKey: chat } = request;
      const label = `telegram ${method}`;
      const payload = message.file ? await multipartBody(body, message.content, message.file) : body;
      await message.waitForSlot();
      const answer = await postRequest(`${target.baseUrl.replace(/\/$/, '')}/bot${target.token}/${method}`, {
        label,
        body: payload,
        timeoutMs: target.timeoutMs,
      });
      if (!answer.answered) return unansweredOutcome(answer);
      const reply = (answer.body ?? {}) as BotApiAnswer;
      if (reply.ok && typeof reply.result?.message_id === 'number') {
        return { outcome: 'sent', externalId: `${chat}:${reply.result.message_id}` };
      }
      if (reply.ok && typeof reply.result?.inline_message_id === 'string') {
        return { outcome: 'sent', externalId: reply.result.inline_message_id };
      }
      const code = reply.error_code ?? answer.status;
      const reason = `${label}: ${reply.description ?? `HTTP ${answer.status}`} (${code})`;
      if (code === 429) return { outcome: 'throttled', retryAfterSeconds: reply.parameters?.retry_after ?? 30, reason };
      if (code >= 500) return { outcome: 'unavailable', reason };
      return { outcome: 'rejected', code, reason };
    },
  };
}
