import type { PlatformSecrets } from '../config/load-config.js';
import { OmniError } from '../errors.js';
import { META_SIGNATURE_HEADER, signMetaPayload } from '../platforms/meta/signature.js';
import { TELEGRAM_SECRET_HEADER } from '../platforms/telegram/types.js';
import type { PlatformName } from '../platforms/types.js';

/** The headers a platform sends with `rawBody`: its signature or secret token, and the JSON type. */
export function signedHeaders(
  platform: PlatformName,
  secrets: PlatformSecrets,
  rawBody: Buffer | string,
): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (platform === 'telegram') {
    if (!secrets.telegram)
      throw new OmniError(
        'OMNI_ERR_CONFIG_INVALID',
        'TELEGRAM_WEBHOOK_SECRET is not set and no development secrets exist',
      );
    headers[TELEGRAM_SECRET_HEADER] = secrets.telegram.secretToken;
    return headers;
  }
  const meta = secrets[platform];
  if (!meta)
    throw new OmniError(
      'OMNI_ERR_CONFIG_INVALID',
      `${platform.toUpperCase()}_APP_SECRET is not set and no development secrets exist`,
    );
  headers[META_SIGNATURE_HEADER] = signMetaPayload(meta.appSecret, rawBody);
  return headers;
}
