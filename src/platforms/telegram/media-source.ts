import { OmniError } from '../../errors.js';
import { safeRequest } from '../../net/safe-request.js';
import { expectSuccess } from '../media-answer.js';
import { readMediaJson } from '../media-json.js';
import type { MediaDownload, MediaSettings } from '../platform.js';
import type { ChannelSecrets, MediaRef } from '../types.js';

/** Telegram: `getFile` turns a file_id into a path under the bot's file url (which holds the token). */
export async function resolveTelegramMedia(
  secrets: ChannelSecrets,
  settings: MediaSettings,
  ref: MediaRef,
): Promise<MediaDownload> {
  const token = secrets.botToken;
  if (!token) throw new OmniError('OMNI_ERR_MEDIA_NO_TOKEN', 'TELEGRAM_BOT_TOKEN is not set');
  if (!ref.id) throw new OmniError('OMNI_ERR_MEDIA_GONE', 'the Telegram message carries no file_id');
  const base = settings.apis.telegram.baseUrl.replace(/\/$/, '');
  const what = 'Telegram getFile';
  const response = await safeRequest(
    `${base}/bot${token}/getFile?file_id=${encodeURIComponent(ref.id)}`,
    settings.policy,
  );
  await expectSuccess(response, what);
  const answer = await readMediaJson(response, what);
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
