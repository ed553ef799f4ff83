import { PLATFORM_TOKEN_VARIABLES, type OmniConfig } from '../config/load-config.js';
import { OmniError } from '../errors.js';
import type { OutboundPolicy } from '../net/outbound-policy.js';
import { safeRequest } from '../net/safe-request.js';
import type { MediaRef } from '../platforms/types.js';
import { expectSuccess } from './media-answer.js';

/** Where an attachment's bytes are, once the platform's reference is resolved. */
export interface MediaDownload {
  url: string;
  /** Sent to the first host only (a bearer token), never along a redirect. */
  firstHopHeaders?: Record<string, string>;
  /** The type and size the platform declared, if it did. */
  mimeType?: string;
  size?: number;
}

export interface MediaSourceSettings {
  policy: OutboundPolicy;
  graphApi: OmniConfig['graphApi'];
  telegramApi: OmniConfig['telegramApi'];
  tokens: OmniConfig['platformTokens'];
}

function tokenFor(settings: MediaSourceSettings, platform: 'whatsapp' | 'telegram'): string {
  const token = settings.tokens[platform];
  if (!token) throw new OmniError('OMNI_ERR_MEDIA_NO_TOKEN', `${PLATFORM_TOKEN_VARIABLES[platform]} is not set`);
  return token;
}

async function readJson(
  response: Awaited<ReturnType<typeof safeRequest>>,
  what: string,
): Promise<Record<string, unknown>> {
  try {
    return (await response.body.json()) as Record<string, unknown>;
  } catch {
    throw new OmniError('OMNI_ERR_MEDIA_UNAVAILABLE', `${what} answered something that is not JSON`);
  }
}

/**
 * WhatsApp: the webhook carries a media id; Graph turns it into a short-lived url (and its type and
 * size), which needs the same bearer token.
 */
async function whatsAppDownload(settings: MediaSourceSettings, ref: MediaRef): Promise<MediaDownload> {
  const token = tokenFor(settings, 'whatsapp');
  if (!ref.id) throw new OmniError('OMNI_ERR_MEDIA_GONE', 'the WhatsApp message carries no media id');
  const what = `Graph media ${ref.id}`;
  const authorization = { authorization: `Bearer ${token}` };
  const url = `${settings.graphApi.baseUrl.replace(/\/$/, '')}/${settings.graphApi.version}/${encodeURIComponent(ref.id)}`;
  const response = await safeRequest(url, settings.policy, { firstHopHeaders: authorization });
  await expectSuccess(response, what);
  const media = await readJson(response, what);
  if (typeof media.url !== 'string') throw new OmniError('OMNI_ERR_MEDIA_GONE', `${what} has no url`);
  return {
    url: media.url,
    firstHopHeaders: authorization,
    mimeType: typeof media.mime_type === 'string' ? media.mime_type : ref.mimeType,
    size: typeof media.file_size === 'number' ? media.file_size : Number(media.file_size) || undefined,
  };
}

/** Telegram: `getFile` turns a file_id into a path under the bot's file url (which holds the token). */
async function telegramDownload(settings: MediaSourceSettings, ref: MediaRef): Promise<MediaDownload> {
  const token = tokenFor(settings, 'telegram');
  if (!ref.id) throw new OmniError('OMNI_ERR_MEDIA_GONE', 'the Telegram message carries no file_id');
  const base = settings.telegramApi.baseUrl.replace(/\/$/, '');
  const what = 'Telegram getFile';
  const response = await safeRequest(
    `${base}/bot${token}/getFile?file_id=${encodeURIComponent(ref.id)}`,
    settings.policy,
  );
  await expectSuccess(response, what);
  const answer = await readJson(response, what);
  const result = answer.result as { file_path?: unknown; file_size?: unknown } | undefined;
  if (answer.ok !== true || typeof result?.file_path !== 'string') {
    throw new OmniError(
      'OMNI_ERR_MEDIA_GONE',
      `${what} gave no file_path${typeof answer.description === 'string' ? `: ${answer.description}` : ''}`,
    );
  }
  const path = result.file_path.split('/').map(encodeURIComponent).join('/');
  return {
    url: `${base}/file/bot${token}/${path}`,
    mimeType: ref.mimeType,
    size: typeof result.file_size === 'number' ? result.file_size : ref.size,
  };
}

/**
 * Where an attachment's bytes can be downloaded: resolved through the platform's API for WhatsApp
 * and Telegram; Messenger's and Instagram's signed CDN urls are used as they came (no token).
 */
export async function resolveMediaDownload(
  settings: MediaSourceSettings,
  platform: string,
  ref: MediaRef,
): Promise<MediaDownload> {
  if (platform === 'whatsapp') return whatsAppDownload(settings, ref);
  if (platform === 'telegram') return telegramDownload(settings, ref);
  if (!ref.url) throw new OmniError('OMNI_ERR_MEDIA_GONE', `the ${platform} attachment carries no url`);
  return { url: ref.url, mimeType: ref.mimeType, size: ref.size };
}
