import type { MediaRef } from '../types.js';
import { array, compact, number, record, string, type JsonRecord } from './guards.js';

/**
 * A Telegram file object (PhotoSize, Document, Voice, Video...) as a MediaRef.
 * `id` is the bot-scoped `file_id`, which `getFile` turns into a download URL.
 */
export function mediaRef(file: JsonRecord): MediaRef {
  return compact({
    id: string(file.file_id),
    mimeType: string(file.mime_type),
    size: number(file.file_size),
    filename: string(file.file_name),
    width: number(file.width) ?? number(file.length),
    height: number(file.height) ?? number(file.length),
    durationSeconds: number(file.duration),
  });
}

/**
 * The largest size of a photo. Telegram lists several sizes, not always in ascending
 * order, so pick by pixel count and then by bytes rather than taking the last one.
 */
export function largestPhoto(sizes: unknown): JsonRecord | undefined {
  let best: JsonRecord | undefined;
  for (const candidate of array(sizes).map(record)) {
    if (!candidate) continue;
    if (!best || photoWeight(candidate) > photoWeight(best)) best = candidate;
  }
  return best;
}

function photoWeight(size: JsonRecord): number {
  const pixels = (number(size.width) ?? 0) * (number(size.height) ?? 0);
  return pixels * 1e12 + (number(size.file_size) ?? 0);
}

/** Stickers carry no mime type; their format follows from the flags Telegram sets. */
export function stickerMimeType(sticker: JsonRecord): string {
  if (sticker.is_animated === true) return 'application/x-tgsticker';
  if (sticker.is_video === true) return 'video/webm';
  return 'image/webp';
}
