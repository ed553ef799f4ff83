import type { Logger } from 'pino';
import { type ChannelDirectory, openChannelDirectory } from '../channels/channel-directory.js';
import { environmentSecrets, upsertEnvironmentChannels } from '../channels/environment-channels.js';
import type { OmniConfig, PlatformSecrets } from '../config/load-config.js';
import type { SqlPool } from '../store/database.js';
import { loadVaultKeys } from '../vault/encryption-key.js';
import { createSecretBox, type SecretBox } from '../vault/secret-box.js';
import { ensureDevSecrets, hasAnyPlatform } from './dev-secrets.js';

/**
 * The platform secrets the environment channels are made of: the configured ones, or, in embedded
 * mode with no platform variable set, the development secrets of the data dir (generated and
 * printed once), so `omni simulate` signs for a channel out of the box.
 */
export async function environmentPlatforms(
  config: OmniConfig,
  logger: Pick<Logger, 'info'>,
  embedded: boolean,
): Promise<PlatformSecrets> {
  if (hasAnyPlatform(config.platforms) || !embedded) return config.platforms;
  const { secrets, created } = await ensureDevSecrets(config.dataDir);
  if (created) {
    // Printed once, on creation, so a developer can configure a real platform's test app with them.
    process.stdout.write(
      `\nDevelopment webhook secrets (saved in ${config.dataDir}/dev-secrets.json, printed once):\n${JSON.stringify(secrets, null, 2)}\n\n`,
    );
  }
  logger.info('no platform secrets set: using the development secrets from the data dir');
  return secrets;
}

/** A process's channels, and the box their secrets are sealed with (undefined without a key). */
export interface OpenedChannels {
  directory: ChannelDirectory;
  box: SecretBox | undefined;
}

/**
 * A process's channel directory: the vault key from config (embedded: the data dir's), the
 * environment's `default` channels upserted from `platforms`, then every live channel loaded and
 * kept fresh (LISTEN/NOTIFY and a periodic reload). Fails, as a start should, when a sealed channel
 * cannot be opened (no key, naming OMNI_ENCRYPTION_KEY). The caller closes the directory; the box
 * seals what the process's channel management writes.
 */
export async function openChannels(
  sql: SqlPool,
  config: OmniConfig,
  logger: Logger,
  platforms: PlatformSecrets,
): Promise<OpenedChannels> {
  const keys = await loadVaultKeys(config);
  const box = keys && createSecretBox(keys);
  const environment = environmentSecrets(platforms, config.platformTokens);
  await upsertEnvironmentChannels(sql, environment);
  return { directory: await openChannelDirectory({ sql, box, config, environment, logger }), box };
}
