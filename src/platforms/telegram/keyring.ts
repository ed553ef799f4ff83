import { createHash } from 'node:crypto';
import { safeEqual } from '../safe-equal.js';
import type { ChannelKey, WebhookAuthentication, WebhookKeyring } from '../types.js';
import { TELEGRAM_SECRET_HEADER } from './types.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Telegram's webhook authentication over many bots. Telegram does not sign its webhooks; it repeats
 * the bot's secret token in a header, so that header is the only proof of origin and is always
 * required. Each bot has its own token: its SHA-256 finds the channel in one lookup (the hash
 * says nothing usable about the token), then a constant-time compare with the token itself.
 * There is no subscription handshake (`setWebhook` is a call the bot makes).
 */
export function createTelegramKeyring(keys: readonly ChannelKey[]): WebhookKeyring {
  const bySecretHash = new Map<string, { channelId: number; secret: string }>();
  for (const key of keys) {
    const secret = key.secrets.webhookSecret;
    if (secret) bySecretHash.set(sha256(secret), { channelId: key.channelId, secret });
  }
  return {
    authenticate(request): WebhookAuthentication {
      const header = request.headers[TELEGRAM_SECRET_HEADER];
      const value = Array.isArray(header) ? header[0] : header;
      if (value === undefined || value === '') return { verdict: 'missing', channelIds: [] };
      const found = bySecretHash.get(sha256(value));
      if (!found || !safeEqual(value, found.secret)) return { verdict: 'invalid', channelIds: [] };
      return { verdict: 'valid', channelIds: [found.channelId] };
    },
  };
}
