import { postRequest, unansweredOutcome } from '../send-http.js';
import type { OutboundFile, OutboundMessage, PlatformSender, ReplyContent } from '../types.js';

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

/**
 * The chat and, in a forum supergroup, the topic, from the conversation key (`<chat>` or
 * `<chat>:<thread>`, as the adapter keys conversations); a reply target's id is `<chat>:<message_id>`.
 */
export function telegramSendRequest(message: OutboundMessage): { method: string; body: Record<string, unknown> } {
  const [chatId, threadId] = message.conversationKey.split(':');
  const { method, fields } = methodFor(message.content);
  const replyTo = message.replyTo?.split(':').at(-1);
  return {
    method,
    body: {
      chat_id: chatId,
      ...(threadId ? { message_thread_id: Number(threadId) } : {}),
      ...fields,
      // Sent even if the quoted message was deleted meanwhile, rather than failing the reply.
      ...(replyTo ? { reply_parameters: { message_id: Number(replyTo), allow_sending_without_reply: true } } : {}),
    },
  };
}

interface BotApiAnswer {
  ok?: boolean;
  result?: { message_id?: number };
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

/** Sends through the Bot API. The token is part of the URL, so reasons name only the method. */
export function createTelegramSender(target: TelegramTarget): PlatformSender {
  return {
    name: 'telegram',
    async send(message) {
      const { method, body } = telegramSendRequest(message);
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
        return { outcome: 'sent', externalId: `${body.chat_id}:${reply.result.message_id}` };
      }
      const code = reply.error_code ?? answer.status;
      const reason = `${label}: ${reply.description ?? `HTTP ${answer.status}`} (${code})`;
      if (code === 429) return { outcome: 'throttled', retryAfterSeconds: reply.parameters?.retry_after ?? 30, reason };
      if (code >= 500) return { outcome: 'unavailable', reason };
      return { outcome: 'rejected', code, reason };
    },
  };
}
