import { OmniError } from '../errors.js';
import type { ReplyContent, UploadedFile } from '../platforms/types.js';
import type { ChannelScope } from '../store/channel-scope.js';
import { inTransaction, type Sql, type SqlPool } from '../store/database.js';
import { fileItems } from '../store/file-batch.js';
import type { QueueUnit } from '../store/ingest.js';
import { insertJobs } from '../store/jobs.js';
import { selectUpload, type Uploader } from '../store/uploads.js';
import {
  insertOutboundMessage,
  selectQuotableId,
  selectReplyConversation,
  type StoredReply,
} from '../store/outbound-messages.js';
import { replyChannel, type ReplyChannels } from './reply-channel.js';
import { checkReplyRules } from './reply-rules.js';
import { checkTemplateReply } from './template-reply.js';

export type { ReplyChannels } from './reply-channel.js';

/** The body of `POST /api/conversations/:id/messages`: exactly one of text, media and template. */
export interface ReplyRequestBody {
  text?: string;
  /** Exactly one of `url` (the platform fetches it) and `upload` (the id `POST /api/uploads` answered). */
  media?: {
    type: 'image' | 'document' | 'audio' | 'video';
    url?: string;
    upload?: number;
    caption?: string;
    filename?: string;
  };
  template?: { name: string; language: string; components?: unknown[] };
  /** The id (ours) of a message of this conversation to quote. */
  replyTo?: number;
  tag?: 'HUMAN_AGENT';
}

/** Who replies: the message names them, and they reach only the conversations and uploads they see. */
export interface ReplyCaller {
  sentBy: Uploader;
  scope: ChannelScope;
}

/**
 * The uploaded file a reply names, as its send needs it; an unknown id is a 400, and so is another
 * caller's upload unless an admin (who sees every channel) replies.
 */
async function uploadedFile(sql: Sql, id: number, caller: ReplyCaller): Promise<UploadedFile> {
  const upload = await selectUpload(sql, id, caller.scope === 'all' ? 'any' : caller.sentBy);
  if (!upload) throw new OmniError('OMNI_ERR_REPLY_UPLOAD_UNKNOWN', `media.upload: no upload ${id}`);
  const { storageKey, mimeType, size, filename } = upload;
  return { id, storageKey, mimeType, size, ...(filename !== null ? { filename } : {}) };
}

async function contentOf(sql: Sql, body: ReplyRequestBody, caller: ReplyCaller): Promise<ReplyContent> {
  const { text, media, template } = body;
  const given = [text, media, template].filter((part) => part !== undefined).length;
  if (given === 1) {
    if (text !== undefined) return { kind: 'text', text };
    if (media) {
      const { type, url, upload, caption, filename } = media;
      if ((url === undefined) === (upload === undefined))
        throw new OmniError('OMNI_ERR_REPLY_INVALID', 'media has exactly one of url and upload');
      const source = upload === undefined ? { url } : { upload: await uploadedFile(sql, upload, caller) };
      return {
        kind: 'media',
        mediaType: type,
        ...source,
        ...(caption !== undefined ? { caption } : {}),
        ...(filename !== undefined ? { filename } : {}),
      };
    }
    if (template) {
      const { name, language, components } = template;
      return { kind: 'template', name, language, ...(components ? { components } : {}) };
    }
  }
  throw new OmniError('OMNI_ERR_REPLY_INVALID', 'a reply has exactly one of text, media and template');
}

/** How the reply shows in the conversation: as a message of the normalised content kinds. */
function shownAs(
  content: ReplyContent,
  replyTo?: string,
): { type: string; text: string | null; content: Record<string, unknown> } {
  const quoted = replyTo ? { replyTo } : {};
  if (content.kind === 'text')
    return { type: 'text', text: content.text, content: { kind: 'text', text: content.text, ...quoted } };
  if (content.kind === 'template') {
    return {
      type: 'template',
      text: null,
      content: {
        kind: 'text',
        text: null,
        ...quoted,
        extra: { template: { name: content.name, language: content.language } },
      },
    };
  }
  const filename = content.filename ?? content.upload?.filename;
  const source = content.upload
    ? { mimeType: content.upload.mimeType, size: content.upload.size }
    : { url: content.url };
  const media = { ...source, ...(filename ? { filename } : {}) };
  return {
    type: content.mediaType,
    text: content.caption ?? null,
    content: { kind: content.mediaType, ...(content.caption ? { caption: content.caption } : {}), media, ...quoted },
  };
}

export interface CreatedReply {
  messageId: number;
  /** The send job's queue row, to hand to the outbox once committed. */
  queued: QueueUnit[];
}

/**
 * Accepts a reply into a conversation: checks that its channel can send (live and enabled: a 409
 * naming why not) and the reply against the platform's rules (a 400 when it breaks one), a template
 * reply against the stored template it names (a 400 naming what is wrong), then in ONE transaction
 * stores it as a queued outbound message, files
 * it under its conversation (it becomes the last message) and stores its `send_message` job.
 * Undefined for an unknown conversation, or one outside the caller's scope.
 */
export async function createReply(
  sql: SqlPool,
  channels: ReplyChannels,
  conversationId: number,
  body: ReplyRequestBody,
  caller: ReplyCaller,
): Promise<CreatedReply | undefined> {
  const content = await contentOf(sql, body, caller);
  return inTransaction(sql, async (sql) => {
    const conversation = await selectReplyConversation(sql, conversationId, caller.scope);
    if (!conversation) return undefined;
    if (conversation.erased)
      throw new OmniError('OMNI_ERR_REPLY_CONTACT_ERASED', `conversation ${conversationId}'s contact was erased`);
    const channel = replyChannel(channels, conversation.channelId);
    checkReplyRules(conversation.platform, { content, tag: body.tag }, conversation.lastInboundAt);
    await checkTemplateReply(sql, channel, content);
    let replyTo: StoredReply['replyTo'];
    if (body.replyTo !== undefined) {
      const externalId = await selectQuotableId(sql, conversationId, body.replyTo);
      if (!externalId)
        throw new OmniError(
          'OMNI_ERR_REPLY_INVALID',
          `replyTo: message ${body.replyTo} is not a sent message of this conversation`,
        );
      replyTo = { messageId: body.replyTo, externalId };
    }
    const reply: StoredReply = { content, ...(body.tag ? { tag: body.tag } : {}), ...(replyTo ? { replyTo } : {}) };
    const messageId = await insertOutboundMessage(sql, {
      conversation,
      reply,
      ...shownAs(content, replyTo?.externalId),
      sentBy: caller.sentBy,
    });
    await fileItems(sql, [messageId]);
    const queued = await insertJobs(sql, [{ kind: 'send_message', messageId, payload: {} }]);
    return { messageId, queued };
  });
}
