import type { OutboundPolicy } from '../net/outbound-policy.js';
import { safeRequest } from '../net/safe-request.js';
import { expectSuccess } from '../platforms/media-answer.js';
import type { MediaDownload } from '../platforms/platform.js';
import { spoolMedia, tooLarge, type SpooledMedia } from './spool-media.js';

/**
 * Downloads through the outbound policy into a temporary file, at most `limit` bytes: a declared
 * size or Content-Length over the cap fails before reading, and a body that runs past it is cut off
 * (the connection destroyed) as soon as it does. The type is read from the bytes.
 */
export async function downloadMedia(
  download: MediaDownload,
  policy: OutboundPolicy,
  limit: number,
): Promise<SpooledMedia> {
  if (download.size !== undefined && download.size > limit) throw tooLarge(limit);
  const response = await safeRequest(download.url, policy, { firstHopHeaders: download.firstHopHeaders });
  await expectSuccess(response, 'the media download');
  const declaredLength = Number(response.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > limit) {
    response.body.destroy();
    throw tooLarge(limit);
  }
  const header = response.headers['content-type'];
  return spoolMedia(response.body, limit, download.mimeType ?? (typeof header === 'string' ? header : undefined));
}
