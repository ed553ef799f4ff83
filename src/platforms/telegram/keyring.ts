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
 * A token two channels share cannot say which bot an update is for: it authenticates nothing
 * (reported in `problems`) rather than hand one bot's updates to the other's channel.
 * There is no subscription handshake (`setWebhook` is a call the bot makes).
 */
export function createTelegramKeyring(keys: readonly ChannelKey[]): WebhookKeyring {
  const bySecretHash = new Map<string, { channelIds: number[]; secret: string }>();
  for (const key of keys) {
    const secret = key.secrets.webhookSecret;
    if (!secret) continue;
    const hash = sha256(secret);
    const holders = bySecretHash.get(hash)?.channelIds ?? [];
    bySecretHash.set(hash, { channelIds: [...holders, key.channelId], secret });
  }
  const problems = [...bySecretHash.values()]
    .filter(({ channelIds }) => channelIds.length > 1)
    .map(
      ({ channelIds }) =>
        `telegram channels ${channelIds.join(', ')} share one webhook secret: updates carrying it are refused until each has its own`,
    );
  return {
    authenticate(request): WebhookAuthentication {
      const header = request.headers[TELEGRAM_SECRET_HEADER];
      const value = Array.isArray(header) ? header[0] : header;
      if (value === undefined || value === '') return { verdict: 'missing', channelIds: [] };
      const found = bySecretHash.get(sha256(value));
      if (!found || !safeEqual(value, found.secret) || found.channelIds.length > 1)
        return { verdict: 'invalid', channelIds: [] };
      return { verdict: 'valid', channelIds: found.channelIds };
    },
    problems,
  };
}
