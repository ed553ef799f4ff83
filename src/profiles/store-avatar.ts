import { OmniError } from '../errors.js';
import { downloadMedia } from '../media/download-media.js';
import type { MediaStore } from '../media/media-store.js';
import { storeSpooledMedia } from '../media/spool-media.js';
import type { OutboundPolicy } from '../net/outbound-policy.js';

/** Shown as an image by a browser without running anything: not SVG, which can carry script. */
const isSafeImage = (mimeType: string) => mimeType.startsWith('image/') && !mimeType.startsWith('image/svg');

/**
 * Downloads a profile picture as attachments are downloaded (within the media outbound policy, at
 * most `limit` bytes, typed by its bytes) and keeps it in the media store under its content address,
 * so the same picture (a platform's default silhouette) is one file however many contacts show it.
 * Bytes that are not an image are refused (OMNI_ERR_MEDIA_REJECTED) and not kept.
 */
export async function storeAvatar(
  url: string,
  deps: { store: MediaStore; policy: OutboundPolicy; limit: number },
): Promise<{ storageKey: string; mimeType: string }> {
  const media = await downloadMedia({ url }, deps.policy, deps.limit);
  try {
    if (!isSafeImage(media.mimeType))
      throw new OmniError('OMNI_ERR_MEDIA_REJECTED', `the profile picture is ${media.mimeType}, not an image`);
    return { storageKey: await storeSpooledMedia(deps.store, media), mimeType: media.mimeType };
  } finally {
    await media.discard();
  }
}
