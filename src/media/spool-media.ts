import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { OmniError } from '../errors.js';
import { mediaKey, type MediaStore } from './media-store.js';

/** Bytes in a temporary file, with what they are; `discard` removes the file. */
export interface SpooledMedia {
  path: string;
  size: number;
  sha256: string;
  /** By the bytes when file-type knows the format, else as declared (text, for one). */
  mimeType: string;
  discard(): Promise<void>;
}

export const tooLarge = (limit: number) =>
  new OmniError('OMNI_ERR_MEDIA_TOO_LARGE', `larger than the cap of ${limit} bytes`);

/** Passes bytes through, hashing and counting them, and fails the moment they pass the cap. */
function meter(limit: number) {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) return done(tooLarge(limit));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest('hex') }) };
}

/**
 * Streams a body into a temporary file, at most `limit` bytes, hashing it on the way: a body that
 * runs past the cap fails (and is destroyed) as soon as it does, so no more than the cap is ever
 * read or written. The type is read from the bytes; `declaredType` is kept for formats file-type
 * cannot recognise. The one path by which downloads and uploads reach the media store.
 */
export async function spoolMedia(
  body: Readable,
  limit: number,
  declaredType: string | undefined,
): Promise<SpooledMedia> {
  const dir = await mkdtemp(join(tmpdir(), 'omni-media-'));
  const discard = () => rm(dir, { recursive: true, force: true });
  try {
    const path = join(dir, 'media');
    const metered = meter(limit);
    await pipeline(body, metered.stream, createWriteStream(path));
    const { size, sha256 } = metered.result();
    const sniffed = await fileTypeFromFile(path);
    return { path, size, sha256, mimeType: sniffed?.mime ?? declaredType ?? 'application/octet-stream', discard };
  } catch (error) {
    body.destroy();
    await discard();
    throw error;
  }
}

/** Keeps spooled bytes in the store under their content address (once: the same bytes are one object); answers the key. */
export async function storeSpooledMedia(store: MediaStore, media: SpooledMedia): Promise<string> {
  const key = mediaKey(media.sha256);
  if (!(await store.exists(key)))
    await store.put(key, createReadStream(media.path), { contentType: media.mimeType, size: media.size });
  return key;
}
