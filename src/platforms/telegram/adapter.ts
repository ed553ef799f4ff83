import { OmniError } from '../../errors.js';
import { safeEqual } from '../safe-equal.js';
import type { PlatformAdapter, SignatureVerdict, WebhookRequest } from '../types.js';
import { extractTelegramUpdate } from './extract.js';
import { TELEGRAM_SECRET_HEADER } from './types.js';

export interface TelegramAdapterConfig {
  /**
   * The `secret_token` given to `setWebhook`: 1-256 characters of A-Z, a-z, 0-9, `_` and `-`.
   * Empty builds an extraction-only adapter (`omni parse`) that verifies no request as valid.
   */
  secretToken: string;
}

const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * The Telegram Bot API adapter. Telegram does not sign its webhooks; it repeats the secret
 * token in a header, so that header is the only proof of origin and is always required.
 * There is no subscription handshake (`setWebhook` is a call the bot makes).
 */
export function createTelegramAdapter(config: TelegramAdapterConfig): PlatformAdapter {
  const secretToken = config?.secretToken;
  if (typeof secretToken !== 'string' || (secretToken !== '' && !SECRET_TOKEN_PATTERN.test(secretToken))) {
    throw new OmniError(
      'OMNI_ERR_CONFIG_INVALID',
      'telegram: secretToken must be the secret_token given to setWebhook: 1-256 characters of A-Z, a-z, 0-9, _ and -. Set TELEGRAM_WEBHOOK_SECRET',
    );
  }
  return {
    name: 'telegram',
    verify: (request) => verifyTelegramSecret(secretToken, request),
    extract: (body) => extractTelegramUpdate(body),
  };
}

/**
 * Compares `X-Telegram-Bot-Api-Secret-Token` with the configured token in constant time.
 * With no configured token nothing is valid: an unset secret never opens the webhook.
 */
export function verifyTelegramSecret(secretToken: string, request: WebhookRequest): SignatureVerdict {
  const header = request.headers[TELEGRAM_SECRET_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') return 'missing';
  if (secretToken === '') return 'invalid';
  return safeEqual(value, secretToken) ? 'valid' : 'invalid';
}
