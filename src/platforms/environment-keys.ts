import type { PlatformSecrets, PlatformTokens } from '../config/load-config.js';
import { OmniError } from '../errors.js';
import { PLATFORMS } from './registry.js';
import {
  PLATFORM_NAMES,
  type ChannelKey,
  type ChannelSecrets,
  type ChannelSecretsLookup,
  type KeyringSource,
  type PlatformName,
  type WebhookKeyring,
} from './types.js';

/** The channel id the environment's secrets stand under until the channel directory gives them a row. */
export const ENVIRONMENT_CHANNEL_ID = 0;

/** Telegram's `secret_token` alphabet and length. */
const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/** One platform's secrets from the environment (webhook secrets and API token); undefined if it has neither. */
export function environmentSecrets(
  platforms: PlatformSecrets,
  tokens: PlatformTokens,
  platform: PlatformName,
): ChannelSecrets | undefined {
  const token = tokens[platform];
  if (platform === 'telegram') {
    const secret = platforms.telegram?.secretToken;
    if (!secret && !token) return undefined;
    return { ...(secret ? { webhookSecret: secret } : {}), ...(token ? { botToken: token } : {}) };
  }
  const meta = platforms[platform];
  if (!meta && !token) return undefined;
  return {
    ...(meta ? { appSecrets: [meta.appSecret], verifyToken: meta.verifyToken } : {}),
    ...(token ? { accessToken: token } : {}),
  };
}

/** The environment's secrets for any conversation of a platform, whatever its channel. */
export function environmentSecretsLookup(platforms: PlatformSecrets, tokens: PlatformTokens): ChannelSecretsLookup {
  return (platform) => environmentSecrets(platforms, tokens, platform);
}

/** Refuses a webhook secret that would accept unsigned webhooks, or that Telegram would not take, naming the variable. */
function requireWebhookSecrets(platform: PlatformName, secrets: ChannelSecrets): void {
  const [secretVariable, tokenVariable] = PLATFORMS[platform].secretVariables;
  const refuse = (detail: string) => {
    throw new OmniError('OMNI_ERR_CONFIG_INVALID', detail);
  };
  if (platform === 'telegram') {
    if (!SECRET_TOKEN_PATTERN.test(secrets.webhookSecret ?? ''))
      refuse(
        `telegram: the webhook secret must be the secret_token given to setWebhook: 1-256 characters of A-Z, a-z, 0-9, _ and -. Set ${secretVariable}`,
      );
    return;
  }
  if (!secrets.appSecrets?.[0]) refuse(`${platform}: appSecret is required. Set ${secretVariable}`);
  if (!secrets.verifyToken) refuse(`${platform}: verifyToken is required. Set ${tokenVariable}`);
}

/**
 * The webhook keyrings of the environment's platforms, one channel each (ENVIRONMENT_CHANNEL_ID):
 * a platform without its webhook secret has none, so its webhooks answer 404 (never accepted
 * unsigned). The channel directory replaces this with every enabled channel's keys.
 */
export function createEnvironmentKeyrings(platforms: PlatformSecrets): KeyringSource {
  const keyrings = new Map<PlatformName, WebhookKeyring>();
  for (const name of PLATFORM_NAMES) {
    if (!platforms[name]) continue;
    const secrets = environmentSecrets(platforms, {}, name) ?? {};
    requireWebhookSecrets(name, secrets);
    const key: ChannelKey = { channelId: ENVIRONMENT_CHANNEL_ID, accountId: null, secrets };
    keyrings.set(name, PLATFORMS[name].createKeyring([key]));
  }
  return { keyring: (platform) => keyrings.get(platform) };
}
