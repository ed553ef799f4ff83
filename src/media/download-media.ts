import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { OmniError } from '../errors.js';
import type { OutboundPolicy } from '../net/outbound-policy.js';
import { safeRequest } from '../net/safe-request.js';
import { expectSuccess } from './media-answer.js';
import type { MediaDownload } from './media-sources.js';

/** Downloaded bytes in a temporary file, with what they are; `discard` removes the file. */
export interface DownloadedMedia {
  path: string;
  size: number;
  sha256: string;
  /** By the bytes when file-type knows the format, else as declared (text, for one). */
  mimeType: string;
  discard(): Promise<void>;
}

const tooLarge = (limit: number) => new OmniError('OMNI_ERR_MEDIA_TOO_LARGE', `larger than the cap of ${limit} bytes`);

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
 * Downloads through the outbound policy into a temporary file, at most `limit` bytes: a declared
 * size or Content-Length over the cap fails before reading, and a body that runs past it is cut off
 * (the connection destroyed) as soon as it does. The type is read from the bytes.
 */
export async function downloadMedia(download: MediaDownload, policy: OutboundPolicy, limit: number): Promise<DownloadedMedia> {
  if (download.size !== undefined && download.size > limit) throw tooLarge(limit);
  const response = await safeRequest(download.url, policy, { firstHopHeaders: download.firstHopHeaders });
  await expectSuccess(response, 'the media download');
  const declaredLength = Number(response.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > limit) {
    response.body.destroy();
    throw tooLarge(limit);
  }
  const dir = await mkdtemp(join(tmpdir(), 'omni-media-'));
  const discard = () => rm(dir, { recursive: true, force: true });
  try {
    const path = join(dir, 'download');
    const metered = meter(limit);
    await pipeline(response.body, metered.stream, createWriteStream(path));
    const { size, sha256 } = metered.result();
    const sniffed = await fileTypeFromFile(path);
    const header = response.headers['content-type'];
    const declared = download.mimeType ?? (typeof header === 'string' ? header : undefined);
    return { path, size, sha256, mimeType: sniffed?.mime ?? declared ?? 'application/octet-stream', discard };
  } catch (error) {
    response.body.destroy();
    await discard();
    throw error;
  }
}
