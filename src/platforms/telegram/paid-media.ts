import type { MessageContent } from '../types.js';
import { array, compact, number, record, string, type JsonRecord } from './guards.js';
import { largestPhoto, mediaRef } from './media.js';
import type { NormalisedMessage } from './types.js';

/** The file of one paid item the bot can see: a photo's largest size, a video, a live photo's video. */
function paidFile(item: JsonRecord | undefined): { kind: MessageContent['kind']; file: JsonRecord } | undefined {
  if (item?.type === 'photo') {
    const file = largestPhoto(item.photo);
    return file && { kind: 'image', file };
  }
  const video = record(item?.video) ?? record(item?.live_photo);
  return video && { kind: 'video', file: video };
}

/**
 * Paid media: photos and videos behind a price in Stars. Before payment the bot sees only a
 * preview (sizes, no file); then the content is `unsupported` with what is known in
 * `extra.paidMedia`. A visible first item gives the content its kind and media.
 */
export function paidMediaBody(info: JsonRecord, message: JsonRecord): NormalisedMessage {
  const items = array(info.paid_media).map(record);
  const first = paidFile(items[0]);
  const caption = string(message.caption);
  const paidMedia = compact({
    starCount: number(info.star_count),
    items: items.map((item) => string(item?.type) ?? 'unknown'),
  });
  const content: MessageContent = compact({
    kind: first?.kind ?? 'unsupported',
    media: first && mediaRef(first.file),
    caption,
    extra: { paidMedia },
  });
  return { type: 'paid_media', text: caption ?? null, content };
}
