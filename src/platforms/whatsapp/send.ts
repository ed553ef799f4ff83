import { postGraph, type GraphTarget } from '../meta/graph-send.js';
import type { OutboundMessage, PlatformSender, ReplyContent } from '../types.js';

/** The Cloud API's message object for one reply's content. */
function contentFields(content: ReplyContent): Record<string, unknown> {
  if (content.kind === 'text') return { type: 'text', text: { body: content.text, preview_url: false } };
  if (content.kind === 'template') {
    const template = { name: content.name, language: { code: content.language }, ...(content.components ? { components: content.components } : {}) };
    return { type: 'template', template };
  }
  const media: Record<string, unknown> = { link: content.url };
  // Audio takes no caption; only documents carry a file name.
  if (content.caption !== undefined && content.mediaType !== 'audio') media.caption = content.caption;
  if (content.filename !== undefined && content.mediaType === 'document') media.filename = content.filename;
  return { type: content.mediaType, [content.mediaType]: media };
}

/** The body of `POST /{version}/{phone_number_id}/messages`. */
export function whatsAppSendBody(message: OutboundMessage): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: message.conversationKey,
    ...(message.replyTo ? { context: { message_id: message.replyTo } } : {}),
    ...contentFields(message.content),
  };
}

/** Sends through the WhatsApp Cloud API from the conversation's business number. */
export function createWhatsAppSender(target: GraphTarget): PlatformSender {
  return {
    name: 'whatsapp',
    async send(message) {
      const answer = await postGraph(target, `${message.account}/messages`, whatsAppSendBody(message), 'whatsapp messages');
      if (answer.outcome !== 'ok') return answer;
      const id = (answer.body.messages as { id?: unknown }[] | undefined)?.[0]?.id;
      // Accepted but unnamed: it may be out, and nothing could match its statuses.
      if (typeof id !== 'string') return { outcome: 'unknown', reason: 'whatsapp messages: accepted without a message id' };
      return { outcome: 'sent', externalId: id };
    },
  };
}
