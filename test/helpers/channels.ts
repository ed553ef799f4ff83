import { randomBytes } from 'node:crypto';
import type { Test } from 'tap';
import { type ChannelDirectory, openChannelDirectory } from '../../src/channels/channel-directory.js';
import { environmentSecrets, upsertEnvironmentChannels } from '../../src/channels/environment-channels.js';
import { addChannel, type AddedChannel, type ChannelManagement } from '../../src/channels/manage-channels.js';
import { loadConfig, type PlatformSecrets, type PlatformTokens } from '../../src/config/load-config.js';
import { OmniError } from '../../src/errors.js';
import type { PlatformApis } from '../../src/platforms/platform.js';
import { platformApis } from '../../src/platforms/platform-apis.js';
import { platformFor } from '../../src/platforms/registry.js';
import type { SqlPool } from '../../src/store/database.js';
import { createSecretBox } from '../../src/vault/secret-box.js';
import { TEST_BY } from './audit.js';

/** The tests' encryption key: every test directory opens what `addTestChannel` sealed. */
export const TEST_BOX = createSecretBox({ current: randomBytes(32), previous: [] });

const defaults = loadConfig({});

/**
 * A channel directory on a test database, as a process opens it: the environment's `default`
 * channels upserted from `platforms` (with `tokens`: their send tokens), then every live channel.
 * `platforms: {}` gives no environment channel, so only added channels route. Closed at teardown.
 */
export async function openTestChannels(
  t: Test,
  sql: SqlPool,
  env: { platforms: PlatformSecrets; tokens?: PlatformTokens; refreshSeconds?: number },
): Promise<ChannelDirectory> {
  const environment = environmentSecrets(env.platforms, env.tokens ?? {});
  await upsertEnvironmentChannels(sql, environment);
  const config = { ...defaults, channels: { ...defaults.channels, refreshSeconds: env.refreshSeconds ?? 30 } };
  const directory = await openChannelDirectory({ sql, box: TEST_BOX, config, environment, logger: silent });
  t.teardown(() => directory.close());
  return directory;
}

const silent = { info() {}, warn() {}, error() {} };

/** The management service as the CLI and API make it, sealing with TEST_BOX; Telegram's getMe goes to `apis`. */
export function testManagement(sql: SqlPool, apis?: PlatformApis): ChannelManagement {
  return {
    sql,
    by: TEST_BY,
    box: TEST_BOX,
    config: defaults,
    identifyBot: async (botToken) => {
      const identify = platformFor('telegram').identify;
      if (!apis || !identify) throw new OmniError('OMNI_ERR_CHANNEL_INVALID', 'no Bot API in this test');
      return identify({ botToken }, apis);
    },
  };
}

/**
 * Adds a channel through the management service, as `omni channel add` and `POST /api/channels` do
 * (sealed with TEST_BOX; a Telegram bot named by `getMe` on `apis`), then reloads `directories` so the
 * next webhook or job sees it (other processes would hear the NOTIFY).
 */
export async function addTestChannel(
  sql: SqlPool,
  body: Record<string, unknown>,
  options: { directories?: ChannelDirectory[]; apis?: PlatformApis } = {},
): Promise<AddedChannel> {
  const added = await addChannel(testManagement(sql, options.apis), body);
  await Promise.all((options.directories ?? []).map((directory) => directory.refresh()));
  return added;
}

/** The Meta app secret the tests' database channels share unless they name another. */
export const CHANNEL_APP_SECRET = 'channels-test-app-secret';

/** `omni channel add whatsapp`'s fields for a number on `appSecret`, with its own verify and access tokens. */
export function whatsAppChannel(name: string, phoneNumberId: string, appSecret = CHANNEL_APP_SECRET) {
  return {
    platform: 'whatsapp',
    name,
    phoneNumberId,
    appSecret,
    verifyToken: `verify-${phoneNumberId}`,
    accessToken: `EAAG-token-${phoneNumberId}`,
  };
}

/** The platform APIs as a fake platform API at `url` answers them (GRAPH_API_BASE_URL and TELEGRAM_API_BASE_URL). */
export function fakeApis(url: string): PlatformApis {
  return platformApis(loadConfig({ GRAPH_API_BASE_URL: url, TELEGRAM_API_BASE_URL: url }));
}
