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

/** One attachment of a message, read: its platform type as sent and its view. */
export interface ReadAttachment {
  type: string | undefined;
  view: AttachmentView;
}

export type Payload = Untrusted<MessagingAttachmentPayload> | undefined;
/** Reads a message's attachments, in order, leaving out the legacy twins of newer types. */
export type AttachmentReader = (attachments: Untrusted<MessagingAttachment>[]) => ReadAttachment[];
export type AttachmentReaders = Record<string, (payload: Payload) => AttachmentView>;
/** Per newer attachment type, the legacy type Meta sends beside it for the same content while clients move over. */
export type LegacyTwins = Record<string, string>;

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
 * kept as `unsupported` with its type name, never dropped. When Meta introduces a type it sends
 * the legacy one beside it for a while (Instagram's `ig_post` with `share`, Messenger's `sticker`
 * with `image`), both for the same content: `legacyTwins` names those, and a message holding the
 * newer type is read without its twin, so it is one post or one sticker, not an album of two.
 */
export function createAttachmentReader(own: AttachmentReaders, legacyTwins: LegacyTwins = {}): AttachmentReader {
  const readers: AttachmentReaders = { ...SHARED_READERS, ...own };
  // hasOwn: a type named "constructor" must not reach Object.prototype.
  const known = <T>(table: Record<string, T>, type: string | undefined): T | undefined =>
    type !== undefined && Object.hasOwn(table, type) ? table[type] : undefined;
  const readOne = (type: string | undefined, payload: Payload): AttachmentView => {
    const read = known(readers, type);
    if (read) return read(payload);
    return { kind: 'unsupported', extra: withoutUndefined({ attachmentType: type, url: textAt(payload, 'url') }) };
  };
  return (attachments) => {
    const types = attachments.map((attachment) => textAt(attachment, 'type'));
    const twins = new Set(types.map((type) => known(legacyTwins, type)));
    return attachments.flatMap((attachment, index) => {
      const type = types[index];
      if (type !== undefined && twins.has(type)) return [];
      return [{ type, view: readOne(type, objectAt(attachment, 'payload')) }];
    });
  };
}
