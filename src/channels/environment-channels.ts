import type { OmniConfig, PlatformSecrets } from '../config/load-config.js';
import { OmniError } from '../errors.js';
import { environmentVariables, secretField } from '../platforms/channel-shape.js';
import { platformFor } from '../platforms/registry.js';
import { PLATFORM_NAMES, type PlatformName } from '../platforms/types.js';
import { upsertEnvironmentChannel } from '../store/channels.js';
import type { SqlPool } from '../store/database.js';
import type { ChannelSecrets } from '../platforms/types.js';

/** The secrets each platform's variables give its `default` channel: never stored, read at start. */
export type EnvironmentSecrets = Partial<Record<PlatformName, ChannelSecrets>>;

/** The secrets with the platform's token when its variable is set (an unset one is left out, not undefined). */
function withToken(
  secrets: ChannelSecrets,
  field: 'accessToken' | 'botToken',
  token: string | undefined,
): ChannelSecrets {
  return token === undefined ? secrets : { ...secrets, [field]: token };
}

/**
 * The environment's channels' secrets: one per platform whose webhook secret (WHATSAPP_APP_SECRET,
 * …, TELEGRAM_WEBHOOK_SECRET) or token (WHATSAPP_ACCESS_TOKEN, …, TELEGRAM_BOT_TOKEN) is set. A
 * worker of a split deployment is given only the tokens: its channel sends and downloads, and, with
 * no app secret, authenticates nothing (the keyrings skip it). `platforms` is the config's, or, in
 * embedded mode with no platform variables, the development secrets the runtime generated (so
 * `omni simulate` still signs for a channel). Throws OMNI_ERR_CONFIG_INVALID, naming the variable,
 * for a Telegram secret Telegram refuses.
 */
export function environmentSecrets(
  platforms: PlatformSecrets,
  tokens: OmniConfig['platformTokens'],
): EnvironmentSecrets {
  const secrets: EnvironmentSecrets = {};
  for (const name of ['whatsapp', 'messenger', 'instagram'] as const) {
    const meta = platforms[name];
    const signing = meta ? { appSecrets: [meta.appSecret], verifyToken: meta.verifyToken } : {};
    if (meta || tokens[name] !== undefined) secrets[name] = withToken(signing, 'accessToken', tokens[name]);
  }
  const telegram = platforms.telegram;
  // A secret Telegram would not take can never authenticate a webhook: refused at start, naming it.
  const format = secretField(platformFor('telegram').channel, 'webhookSecret')?.format;
  if (telegram && format && !format.pattern.test(telegram.secretToken))
    throw new OmniError(
      'OMNI_ERR_CONFIG_INVALID',
      `telegram: the webhook secret must be the secret_token given to setWebhook: ${format.rule}. Set TELEGRAM_WEBHOOK_SECRET`,
    );
  if (telegram || tokens.telegram !== undefined)
    secrets.telegram = withToken(telegram ? { webhookSecret: telegram.secretToken } : {}, 'botToken', tokens.telegram);
  return secrets;
}

/**
 * Makes sure each configured platform has its environment `default` channel row (source
 * 'environment', no account: it takes every account no stored channel holds; no stored secret), so
 * conversations can name it. A row whose variables have since gone is left as it is; the directory
 * gives it no secrets, so it authenticates nothing.
 */
export async function upsertEnvironmentChannels(sql: SqlPool, secrets: EnvironmentSecrets): Promise<void> {
  for (const platform of PLATFORM_NAMES) {
    if (secrets[platform]) await upsertEnvironmentChannel(sql, platform);
  }
}

/** The variables an environment channel is made of: named when a change to one is refused. */
export function environmentChannelVariables(platform: PlatformName): string {
  return environmentVariables(platformFor(platform).channel);
}
