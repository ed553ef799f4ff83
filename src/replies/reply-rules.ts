import { OmniError } from '../errors.js';
import type { ReplyRules } from '../platforms/platform.js';
import { platformFor } from '../platforms/registry.js';
import type { PlatformName, ReplyContent, UploadedFile } from '../platforms/types.js';
import { windowState, withinHoursOf } from './reply-window.js';

const MB = 1024 * 1024;

/** A reply as the API accepts it, before the platform's rules are applied. */
export interface ReplyDraft {
  content: ReplyContent;
  tag?: 'HUMAN_AGENT';
}

/** How a platform is named to people in a refusal. */
const displayName = (platform: PlatformName) => (platform === 'whatsapp' ? 'WhatsApp' : platform);

/**
 * The one place a reply is checked against its platform's rules (`platform.replyRules`), at request
 * time (a violation is a 400) and again at send time (time has passed; a violation then fails the
 * reply). Answers the tag to send with: set only when the free-form window has closed and the
 * tag keeps it open. `lastInboundAt` is the customer's last message in the conversation.
 */
export function checkReplyRules(
  platform: PlatformName,
  draft: ReplyDraft,
  lastInboundAt: Date | null,
  now = new Date(),
): { tag?: 'HUMAN_AGENT' } {
  const rules = platformFor(platform).replyRules;
  checkContent(platform, rules, draft.content);
  const { window } = rules;
  if (window.kind === 'none' || windowState(window, lastInboundAt, now).open) return {};
  if (window.kind === 'templates-after') {
    if (draft.content.kind === 'template') return {};
    throw new OmniError(
      'OMNI_ERR_REPLY_WINDOW_CLOSED',
      `${displayName(platform)} allows only a template more than ${window.hours} hours after the customer's last message`,
    );
  }
  if (!withinHoursOf(lastInboundAt, window.taggedHours, now)) {
    throw new OmniError(
      'OMNI_ERR_REPLY_WINDOW_CLOSED',
      `${platform} allows no reply more than ${window.taggedHours / 24} days after the customer's last message`,
    );
  }
  if (draft.tag !== window.tag) {
    throw new OmniError(
      'OMNI_ERR_REPLY_WINDOW_CLOSED',
      `${platform}: more than ${window.hours} hours after the customer's last message, only a reply with tag ${window.tag} (a person answering) may be sent`,
    );
  }
  return { tag: window.tag };
}

function checkContent(platform: PlatformName, rules: ReplyRules, content: ReplyContent): void {
  if (content.kind === 'template') {
    if (!rules.templates) throw new OmniError('OMNI_ERR_REPLY_INVALID', `${platform} has no message templates`);
    return;
  }
  if (content.kind === 'text') {
    if (content.text.trim() === '') throw new OmniError('OMNI_ERR_REPLY_INVALID', 'the text is empty');
    if ([...content.text].length > rules.textLimit) {
      throw new OmniError(
        'OMNI_ERR_REPLY_TOO_LONG',
        `${platform} accepts at most ${rules.textLimit} characters of text`,
      );
    }
    return;
  }
  if (content.upload) checkUpload(platform, rules, content.mediaType, content.upload);
  if (content.caption === undefined) return;
  if (rules.captionLimit === undefined || rules.uncaptioned.includes(content.mediaType)) {
    throw new OmniError(
      'OMNI_ERR_REPLY_INVALID',
      `${platform} takes no caption on ${content.mediaType}: send the text as its own reply`,
    );
  }
  if ([...content.caption].length > rules.captionLimit)
    throw new OmniError('OMNI_ERR_REPLY_TOO_LONG', `captions are at most ${rules.captionLimit} characters`);
}

/** An uploaded file: within the platform's size limit for its type, where it takes uploads at all. */
function checkUpload(platform: PlatformName, rules: ReplyRules, mediaType: string, upload: UploadedFile): void {
  if (typeof rules.uploadLimit !== 'function')
    // Only Instagram refuses uploads; its code says so to API clients that already handle it.
    throw new OmniError('OMNI_ERR_REPLY_INSTAGRAM_NEEDS_URL', rules.uploadLimit.refused);
  const limit = rules.uploadLimit(mediaType);
  if (limit !== undefined && upload.size > limit) {
    throw new OmniError(
      'OMNI_ERR_REPLY_FILE_TOO_LARGE',
      `${platform} takes ${mediaType} files of at most ${limit / MB} MB; upload ${upload.id} is ${upload.size} bytes`,
    );
  }
}
