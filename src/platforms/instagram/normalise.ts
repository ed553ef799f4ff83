import { asShape, textAt, withoutUndefined } from '../meta/json.js';
import { createAttachmentReader, urlMedia, type AttachmentView, type Payload } from '../meta/messaging/attachments.js';
import type { InstagramPostPayload } from './types.js';

/** The user mentioned the account in their story; the url expires with the story. */
function storyMention(payload: Payload): AttachmentView {
  return withoutUndefined({ kind: 'story_mention', media: urlMedia(payload) });
}

function share(payload: Payload): AttachmentView {
  return withoutUndefined({ kind: 'share', media: urlMedia(payload) });
}

function post(payload: Payload): AttachmentView {
  const shared = asShape<InstagramPostPayload>(payload);
  const extra = withoutUndefined({ mediaId: textAt(shared, 'ig_post_media_id'), title: textAt(shared, 'title') });
  return withoutUndefined({ kind: 'share', media: urlMedia(payload), extra });
}

/** GIFs from the picker: rendered as images. */
function animatedImage(payload: Payload): AttachmentView {
  return withoutUndefined({ kind: 'image', media: urlMedia(payload), extra: { animated: true } });
}

/** The heart sticker: no payload, the only sticker Instagram has. */
function likeHeart(): AttachmentView {
  return { kind: 'sticker', extra: { likeHeart: true } };
}

/**
 * Instagram's attachment types beyond the ones it shares with Messenger (a PDF is a shared `file`,
 * read as a document). A shared post came as `share` until November 3, 2025, then as `ig_post`
 * with the `share` beside it until April 27, 2026; that share twin is left out.
 */
export const readInstagramAttachments = createAttachmentReader(
  {
    story_mention: storyMention,
    share,
    ig_post: post,
    animated_image: animatedImage,
    like_heart: likeHeart,
  },
  { ig_post: 'share' },
);
