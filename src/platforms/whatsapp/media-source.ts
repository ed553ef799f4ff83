import { OmniError } from '../../errors.js';
import { safeRequest } from '../../net/safe-request.js';
import { expectSuccess } from '../media-answer.js';
import { readMediaJson } from '../media-json.js';
import type { MediaDownload, MediaSettings } from '../platform.js';
import type { ChannelSecrets, MediaRef } from '../types.js';

/**
 * WhatsApp: the webhook carries a media id; Graph turns it into a short-lived url (and its type and
 * size), which needs the same bearer token.
 */
export async function resolveWhatsAppMedia(
  secrets: ChannelSecrets,
  settings: MediaSettings,
  ref: MediaRef,
): Promise<MediaDownload> {
  const token = secrets.accessToken;
  if (!token) throw new OmniError('OMNI_ERR_MEDIA_NO_TOKEN', 'WHATSAPP_ACCESS_TOKEN is not set');
  if (!ref.id) throw new OmniError('OMNI_ERR_MEDIA_GONE', 'the WhatsApp message carries no media id');
  const what = `Graph media ${ref.id}`;
  const authorization = { authorization: `Bearer ${token}` };
  const { graph } = settings.apis;
  const url = `${graph.baseUrl.replace(/\/$/, '')}/${graph.version}/${encodeURIComponent(ref.id)}`;
  const response = await safeRequest(url, settings.policy, { firstHopHeaders: authorization });
  await expectSuccess(response, what);
  const media = await readMediaJson(response, what);
  if (typeof media.url !== 'string') throw new OmniError('OMNI_ERR_MEDIA_GONE', `${what} has no url`);
  return {
    url: media.url,
    firstHopHeaders: authorization,
    mimeType: typeof media.mime_type === 'string' ? media.mime_type : ref.mimeType,
    size: typeof media.file_size === 'number' ? media.file_size : Number(media.file_size) || undefined,
  };
}
