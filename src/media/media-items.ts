import type { ContentKind, MediaRef, MessageContent } from '../platforms/types.js';

/** One media item of a message: the kind it shows as and the platform's reference to its bytes. */
export interface MediaItem {
  kind: ContentKind;
  ref: MediaRef;
}

/** A reference Omni can fetch: a platform media id (WhatsApp, Telegram) or a CDN url (Messenger, Instagram). */
const fetchable = (ref: MediaRef | undefined): ref is MediaRef => Boolean(ref && (ref.id || ref.url));

/**
 * The media items of a message's normalised content, in order. Messenger and Instagram albums list
 * every attachment in `extra.attachments` (the first also fills `media`); other messages carry at
 * most one, in `media`.
 */
export function mediaItemsOf(content: MessageContent | null | undefined): MediaItem[] {
  if (!content) return [];
  const album = content.extra?.attachments;
  if (Array.isArray(album)) {
    return (album as { kind?: ContentKind; media?: MediaRef }[]).flatMap((view) =>
      fetchable(view.media) ? [{ kind: view.kind ?? content.kind, ref: view.media }] : [],
    );
  }
  return fetchable(content.media) ? [{ kind: content.kind, ref: content.media }] : [];
}
