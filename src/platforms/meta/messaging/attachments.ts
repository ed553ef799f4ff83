import type { ContentKind, MediaRef, MessageContent } from '../../types.js';
import { objectAt, textAt, withoutUndefined, type Untrusted } from '../json.js';
import type { MessagingAttachment, MessagingAttachmentPayload } from './types.js';

/** One attachment as a renderer needs it: the kind it shows as and the data to show. */
export interface AttachmentView {
  kind: ContentKind;
  media?: MediaRef;
  location?: MessageContent['location'];
  extra?: Record<string, unknown>;
}

export type Payload = Untrusted<MessagingAttachmentPayload> | undefined;
export type AttachmentReader = (attachment: Untrusted<MessagingAttachment>) => AttachmentView;
export type AttachmentReaders = Record<string, (payload: Payload) => AttachmentView>;

/** Media behind a CDN url; Messenger and Instagram urls are signed and expire. */
export function urlMedia(payload: Payload): MediaRef | undefined {
  const url = textAt(payload, 'url');
  return url === undefined ? undefined : { url };
}

const media = (kind: ContentKind) => (payload: Payload) => withoutUndefined({ kind, media: urlMedia(payload) });

function reel(payload: Payload): AttachmentView {
  const extra = withoutUndefined({ reelVideoId: textAt(payload, 'reel_video_id'), title: textAt(payload, 'title') });
  return withoutUndefined({ kind: 'share', media: urlMedia(payload), extra });
}

/** The attachment types both platforms send with the same payload. */
const SHARED_READERS: AttachmentReaders = {
  image: media('image'),
  video: media('video'),
  audio: media('audio'),
  file: media('document'),
  ig_reel: reel,
  reel,
};

/**
 * A reader for one platform: its own readers first, then the shared ones; an unknown type is
 * kept as `unsupported` with its type name, never dropped.
 */
export function createAttachmentReader(own: AttachmentReaders): AttachmentReader {
  const readers: AttachmentReaders = { ...SHARED_READERS, ...own };
  return (attachment) => {
    const type = textAt(attachment, 'type');
    const payload = objectAt(attachment, 'payload');
    // hasOwn: a type named "constructor" must not reach Object.prototype.
    const read = type !== undefined && Object.hasOwn(readers, type) ? readers[type] : undefined;
    if (read) return read(payload);
    return { kind: 'unsupported', extra: withoutUndefined({ attachmentType: type, url: textAt(payload, 'url') }) };
  };
}
