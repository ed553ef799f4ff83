import { OmniError } from '../../../errors.js';
import type { MediaDownload } from '../../platform.js';
import type { MediaRef, PlatformName } from '../../types.js';

/** Messenger's and Instagram's attachments come as signed CDN urls: downloaded as they came, with no token. */
export async function resolveCdnMedia(platform: PlatformName, ref: MediaRef): Promise<MediaDownload> {
  if (!ref.url) throw new OmniError('OMNI_ERR_MEDIA_GONE', `the ${platform} attachment carries no url`);
  return { url: ref.url, mimeType: ref.mimeType, size: ref.size };
}
