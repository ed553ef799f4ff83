import { postGraph, type GraphTarget } from '../graph-send.js';
import type { OutboundFile, OutboundMessage, PlatformName, PlatformSender, ReplyContent } from '../../types.js';

/** The Send API's `message` object for one reply's content (documents go as `file` attachments). */
function messageField(content: ReplyContent): Record<string, unknown> {
  if (content.kind === 'text') return { text: content.text };
  if (content.kind === 'media') {
    const type = content.mediaType === 'document' ? 'file' : content.mediaType;
    // An uploaded file travels in the same request (`filedata`), so the payload names no URL.
    const payload = content.upload ? { is_reusable: false } : { url: content.url, is_reusable: true };
    return { attachment: { type, payload } };
  }
  throw new Error(`the Send API has no ${content.kind} messages`);
}

/**
 * The body of `POST /{version}/me/messages` for Messenger and Instagram. Inside the 24-hour window a
 * reply is a RESPONSE; after it, a MESSAGE_TAG with its tag (HUMAN_AGENT, up to 7 days).
 * `reply_to.mid` quotes the customer's message (Instagram's documented field; Messenger accepts it too).
 */
export function messagingSendBody(message: OutboundMessage): Record<string, unknown> {
  return {
    recipient: { id: message.conversationKey },
    messaging_type: message.tag ? 'MESSAGE_TAG' : 'RESPONSE',
    ...(message.tag ? { tag: message.tag } : {}),
    ...(message.replyTo ? { reply_to: { mid: message.replyTo } } : {}),
    message: messageField(message.content),
  };
}

/**
 * The same body as multipart/form-data with the file as `filedata`: one call sends file and
 * message. Object fields go as JSON strings, as the Send API's attachment upload takes them.
 */
async function multipartBody(body: Record<string, unknown>, file: OutboundFile): Promise<FormData> {
  const form = new FormData();
  for (const [name, value] of Object.entries(body))
    form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  form.append('filedata', await file.read(), file.filename);
  return form;
}

/** A Send API client for Messenger (a Page token) or Instagram (an Instagram token). */
export function createMessagingSender(
  name: Extract<PlatformName, 'messenger' | 'instagram'>,
  target: GraphTarget,
): PlatformSender {
  return {
    name,
    async send(message) {
      const body = messagingSendBody(message);
      const payload = message.file ? await multipartBody(body, message.file) : body;
      await message.waitForSlot();
      const answer = await postGraph(target, 'me/messages', payload, `${name} me/messages`);
      if (answer.outcome !== 'ok') return answer;
      const id = answer.body.message_id;
      if (typeof id !== 'string')
        return { outcome: 'unknown', reason: `${name} me/messages: accepted without a message id` };
      return { outcome: 'sent', externalId: id };
    },
  };
}
