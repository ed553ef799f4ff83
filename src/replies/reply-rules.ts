import { OmniError } from '../errors.js';
import { WHATSAPP_MEDIA_LIMITS } from '../media/media-limits.js';
import type { PlatformName, ReplyContent, UploadedFile } from '../platforms/types.js';

/** The longest text each platform accepts in one message, in characters. */
export const TEXT_LIMITS: Record<PlatformName, number> = {
  whatsapp: 4096,
  messenger: 2000,
  instagram: 1000,
  telegram: 4096,
};
/** WhatsApp and Telegram media captions. */
export const CAPTION_LIMIT = 1024;

const MB = 1024 * 1024;
/** Attachments Messenger's Send API takes (25 MB), and files a bot may upload to Telegram (50 MB). */
const UPLOAD_LIMITS: Partial<Record<PlatformName, number>> = { messenger: 25 * MB, telegram: 50 * MB };

const HOUR_MS = 3600_000;
/** The customer service window: free-form replies are allowed this long after the customer's last message. */
const SERVICE_WINDOW_MS = 24 * HOUR_MS;
/** Meta's HUMAN_AGENT tag stretches Messenger's and Instagram's window to 7 days for a person's reply. */
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

/** A reply as the API accepts it, before the platform's rules are applied. */
export interface ReplyDraft {
  content: ReplyContent;
  tag?: 'HUMAN_AGENT';
}

/**
 * The one place a reply is checked against its platform's rules, at request time (a violation is a
 * 400) and again at send time (time has passed; a violation then fails the reply). Answers the
 * Meta tag to send with: set only when the 24-hour window has closed and the tag keeps it open.
 * `lastInboundAt` is the customer's last message in the conversation.
 */
export function checkReplyRules(
  platform: PlatformName,
  draft: ReplyDraft,
  lastInboundAt: Date | null,
  now = new Date(),
): { tag?: 'HUMAN_AGENT' } {
  checkContent(platform, draft.content);
  const sinceCustomer = lastInboundAt ? now.getTime() - lastInboundAt.getTime() : Infinity;
  if (platform === 'telegram' || sinceCustomer <= SERVICE_WINDOW_MS) return {};
  if (platform === 'whatsapp') {
    if (draft.content.kind === 'template') return {};
    throw new OmniError(
      'OMNI_ERR_REPLY_WINDOW_CLOSED',
      "WhatsApp allows only a template more than 24 hours after the customer's last message",
    );
  }
  if (sinceCustomer > HUMAN_AGENT_WINDOW_MS) {
    throw new OmniError(
      'OMNI_ERR_REPLY_WINDOW_CLOSED',
      `${platform} allows no reply more than 7 days after the customer's last message`,
    );
  }
  if (draft.tag !== 'HUMAN_AGENT') {
    throw new OmniError(
      'OMNI_ERR_REPLY_WINDOW_CLOSED',
      `${platform}: more than 24 hours after the customer's last message, only a reply with tag HUMAN_AGENT (a person answering) may be sent`,
    );
  }
  return { tag: 'HUMAN_AGENT' };
}

function checkContent(platform: PlatformName, content: ReplyContent): void {
  if (content.kind === 'template') {
    if (platform !== 'whatsapp') throw new OmniError('OMNI_ERR_REPLY_INVALID', `${platform} has no message templates`);
    return;
  }
  if (content.kind === 'text') {
    if (content.text.trim() === '') throw new OmniError('OMNI_ERR_REPLY_INVALID', 'the text is empty');
    if ([...content.text].length > TEXT_LIMITS[platform]) {
      throw new OmniError(
        'OMNI_ERR_REPLY_TOO_LONG',
        `${platform} accepts at most ${TEXT_LIMITS[platform]} characters of text`,
      );
    }
    return;
  }
  if (content.upload) checkUpload(platform, content.mediaType, content.upload);
  if (content.caption === undefined) return;
  if (
    platform === 'messenger' ||
    platform === 'instagram' ||
    (platform === 'whatsapp' && content.mediaType === 'audio')
  ) {
    throw new OmniError(
      'OMNI_ERR_REPLY_INVALID',
      `${platform} takes no caption on ${content.mediaType}: send the text as its own reply`,
    );
  }
  if ([...content.caption].length > CAPTION_LIMIT)
    throw new OmniError('OMNI_ERR_REPLY_TOO_LONG', `captions are at most ${CAPTION_LIMIT} characters`);
}

/** An uploaded file: Instagram takes none, and each platform's size limit (WhatsApp's by kind) applies. */
function checkUpload(platform: PlatformName, mediaType: string, upload: UploadedFile): void {
  if (platform === 'instagram')
    throw new OmniError(
      'OMNI_ERR_REPLY_INSTAGRAM_NEEDS_URL',
      "Instagram's Send API takes media by URL only: send it as media.url",
    );
  const limit = platform === 'whatsapp' ? WHATSAPP_MEDIA_LIMITS[mediaType] : UPLOAD_LIMITS[platform];
  if (limit !== undefined && upload.size > limit) {
    throw new OmniError(
      'OMNI_ERR_REPLY_FILE_TOO_LARGE',
      `${platform} takes ${mediaType} files of at most ${limit / MB} MB; upload ${upload.id} is ${upload.size} bytes`,
    );
  }
}
