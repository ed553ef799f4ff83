import { postGraph, type GraphTarget } from '../meta/graph-send.js';
import type { OutboundFile, OutboundMessage, PlatformSender, ReplyContent, SendOutcome } from '../types.js';

/** The Cloud API's message object for one reply's content; uploaded media is named by its WhatsApp media id. */
function contentFields(content: ReplyContent, mediaId?: string): Record<string, unknown> {
  if (content.kind === 'text') return { type: 'text', text: { body: content.text, preview_url: false } };
  if (content.kind === 'template') {
    const template = {
      name: content.name,
      language: { code: content.language },
      ...(content.components ? { components: content.components } : {}),
    };
    return { type: 'template', template };
  }
  const media: Record<string, unknown> = mediaId !== undefined ? { id: mediaId } : { link: content.url };
  const filename = content.filename ?? content.upload?.filename;
  // Audio takes no caption; only documents carry a file name.
  if (content.caption !== undefined && content.mediaType !== 'audio') media.caption = content.caption;
  if (filename !== undefined && content.mediaType === 'document') media.filename = filename;
  return { type: content.mediaType, [content.mediaType]: media };
}

/**
 * A business-scoped user id: two letters of country, a period, then letters and digits (a parent
 * BSUID has `ENT.` in between); a phone number is digits only.
 */
const BSUID = /^[A-Z]{2}\.[A-Za-z0-9.]+$/;

/**
 * The field that names the user: `to` for a phone number, `recipient` for a BSUID. Meta answers
 * 200 to a BSUID sent in `to` and then drops the message, so the two must never be swapped.
 */
export function addresseeOf(user: string): { to: string } | { recipient: string } {
  return BSUID.test(user) ? { recipient: user } : { to: user };
}

/** The body of `POST /{version}/{phone_number_id}/messages`; `mediaId` names an uploaded file. */
export function whatsAppSendBody(message: OutboundMessage, mediaId?: string): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...addresseeOf(message.conversationKey),
    ...(message.replyTo ? { context: { message_id: message.replyTo } } : {}),
    ...contentFields(message.content, mediaId),
  };
}

/**
 * The file's WhatsApp media id: the one an earlier attempt recorded, else a fresh upload to
 * `POST /{version}/{phone_number_id}/media` (multipart), recorded before the message call uses it.
 */
async function mediaIdOf(
  target: GraphTarget,
  account: string | null,
  file: OutboundFile,
): Promise<{ id: string } | Exclude<SendOutcome, { outcome: 'sent' }>> {
  if (file.uploadedId !== undefined) return { id: file.uploadedId };
  const form = new FormData();
  form.append('messaging_product', 'whatsapp');
  form.append('type', file.mimeType);
  form.append('file', await file.read(), file.filename);
  const answer = await postGraph(target, `${account}/media`, form, 'whatsapp media');
  // No message went out yet: an upload whose answer was lost costs only a second upload on retry.
  if (answer.outcome === 'unknown') return { outcome: 'unavailable', reason: answer.reason };
  if (answer.outcome !== 'ok') return answer;
  if (typeof answer.body.id !== 'string')
    return { outcome: 'unavailable', reason: 'whatsapp media: answered without a media id' };
  await file.rememberUploadedId(answer.body.id);
  return { id: answer.body.id };
}

/** Sends through the WhatsApp Cloud API from the conversation's business number; an uploaded file is uploaded to it first. */
export function createWhatsAppSender(target: GraphTarget): PlatformSender {
  return {
    name: 'whatsapp',
    async send(message) {
      let mediaId: string | undefined;
      if (message.file) {
        const media = await mediaIdOf(target, message.account, message.file);
        if (!('id' in media)) return media;
        mediaId = media.id;
      }
      await message.waitForSlot();
      const answer = await postGraph(
        target,
        `${message.account}/messages`,
        whatsAppSendBody(message, mediaId),
        'whatsapp messages',
      );
      if (answer.outcome !== 'ok') return answer;
      const id = (answer.body.messages as { id?: unknown }[] | undefined)?.[0]?.id;
      // Accepted but unnamed: it may be out, and nothing could match its statuses.
      if (typeof id !== 'string')
        return { outcome: 'unknown', reason: 'whatsapp messages: accepted without a message id' };
      return { outcome: 'sent', externalId: id };
    },
  };
}
