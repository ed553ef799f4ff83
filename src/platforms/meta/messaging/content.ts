import type { ContentKind, MessageContent } from '../../types.js';
import { flagAt, objectAt, objectsAt, textAt, withoutUndefined, type Untrusted } from '../json.js';
import type { MessageBody } from '../items.js';
import type { AttachmentReader, ReadAttachment } from './attachments.js';
import type { MessagingMessage } from './types.js';

interface Parts {
  message: Untrusted<MessagingMessage>;
  text: string | null;
  attachments: ReadAttachment[];
}

/**
 * Turns a `message` object into content. The corpus type is `quick_reply`, the first
 * attachment's type, or `text`; `readAttachments` knows the platform's attachment types.
 */
export function normaliseMessagingMessage(
  message: Untrusted<MessagingMessage>,
  readAttachments: AttachmentReader,
): MessageBody {
  const parts: Parts = {
    message,
    text: textAt(message, 'text') ?? null,
    attachments: readAttachments(objectsAt(message, 'attachments')),
  };
  const quickReply = objectAt(message, 'quick_reply');
  const replyTo = objectAt(message, 'reply_to');
  const first = parts.attachments[0]?.view;
  const content = withoutUndefined<MessageContent>({
    kind: kindOf(parts),
    text: parts.text,
    media: first?.media,
    location: first?.location,
    reply: quickReply && withoutUndefined({ payload: textAt(quickReply, 'payload'), title: parts.text ?? undefined }),
    replyTo: textAt(replyTo, 'mid'),
    referral: objectAt(message, 'referral'),
    extra: extraOf(parts),
  });
  return { type: typeOf(parts), text: parts.text, content };
}

function typeOf({ message, text, attachments }: Parts): string {
  if (flagAt(message, 'is_unsupported')) return 'unsupported';
  if (objectAt(message, 'quick_reply')) return 'quick_reply';
  if (attachments[0]) return attachments[0].type ?? 'unsupported';
  return text === null ? 'unsupported' : 'text';
}

function kindOf({ message, text, attachments }: Parts): ContentKind {
  if (flagAt(message, 'is_unsupported')) return 'unsupported';
  if (objectAt(objectAt(message, 'reply_to'), 'story')) return 'story_reply';
  if (objectAt(message, 'quick_reply')) return 'interactive_reply';
  if (attachments[0]) return attachments[0].view.kind;
  return text === null ? 'unsupported' : 'text';
}

function extraOf({ message, attachments }: Parts): Record<string, unknown> | undefined {
  const story = objectAt(objectAt(message, 'reply_to'), 'story');
  const views = attachments.map(({ view }) => view);
  const extra = withoutUndefined({
    ...views[0]?.extra,
    story: story && withoutUndefined({ id: textAt(story, 'id'), url: textAt(story, 'url') }),
    // The first attachment fills media/location; a message can carry several (an album).
    attachments: views.length > 1 ? views : undefined,
  });
  return Object.keys(extra).length > 0 ? extra : undefined;
}
