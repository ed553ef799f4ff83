import type { Logger } from 'pino';
import type { OmniConfig } from '../config/load-config.js';
import { isOmniError, OmniError } from '../errors.js';
import type { AccountCheck } from '../platforms/platform.js';
import { platformApis } from '../platforms/platform-apis.js';
import { platformFor } from '../platforms/registry.js';
import type { ChannelSecrets, PlatformName } from '../platforms/types.js';
import { type ChannelRow, selectLiveChannels } from '../store/channels.js';
import type { AuditBy } from '../store/audit-log.js';
import type { SqlPool } from '../store/database.js';
import { listUnroutedAccounts, type UnroutedAccount } from '../store/unrouted.js';
import type { SecretBox } from '../vault/secret-box.js';
import { type ChannelView, channelView } from './channel.js';
import { recordChannelAudit } from './channel-audit.js';
import { readPlatform } from './channel-input.js';
import { environmentSecrets } from './environment-channels.js';
import {
  type AddedChannel,
  addChannel,
  findChannel,
  rekeyChannels,
  removeChannel,
  setChannelEnabled,
  updateChannel,
} from './manage-channels.js';
import { openChannelSecrets } from './sealed-secrets.js';

/** What channel management reads from the configuration: rotation, the platform APIs, the environment channels. */
export type ChannelAdminConfig = Pick<
  OmniConfig,
  'channels' | 'graphApi' | 'telegramApi' | 'sending' | 'platforms' | 'platformTokens'
>;

export interface ChannelAdminOptions {
  sql: SqlPool;
  /** Undefined without a key: a write carrying a secret then fails naming OMNI_ENCRYPTION_KEY. */
  box: SecretBox | undefined;
  config: ChannelAdminConfig;
  /** Called after each change (the process's own directory reloads at once; others hear the NOTIFY). */
  onChange?: () => Promise<void>;
  /** Where a failed `onChange` is told: the change is committed, so its caller is still answered success. */
  logger?: Pick<Logger, 'warn'>;
}

/** Where a bot's webhook is registered and whether Telegram took it; `problem` in words when it did not. */
export interface Registration {
  url: string;
  ok: boolean;
  problem?: string;
}

/** Which channel a command or route names: its id or name, and the platform when a name is shared. */
export interface ChannelLookup {
  nameOrId: string | number;
  platform?: PlatformName;
}

/**
 * The CLI's and the API's one way to manage channels: the service, the platform calls, and the
 * refresh after a change. Each change takes `by`, who asks and from where: its audit row.
 */
export interface ChannelAdmin {
  list(): Promise<ChannelView[]>;
  get(lookup: ChannelLookup): Promise<ChannelView>;
  /** Adds a channel; with `register` (a base URL), points its bot's webhook at it (Telegram only). */
  add(
    body: Record<string, unknown>,
    by: AuditBy,
    register?: string,
  ): Promise<AddedChannel & { registration?: Registration }>;
  update(
    lookup: ChannelLookup,
    body: Record<string, unknown>,
    by: AuditBy,
    register?: string,
  ): Promise<{ channel: ChannelView; registration?: Registration }>;
  setEnabled(lookup: ChannelLookup, enabled: boolean, by: AuditBy): Promise<ChannelView>;
  remove(lookup: ChannelLookup, by: AuditBy): Promise<ChannelView>;
  /** Asks the platform whether the channel's token works; problems in words, never a secret. */
  check(lookup: ChannelLookup): Promise<{ channel: ChannelView } & AccountCheck>;
  rekey(by: AuditBy): Promise<{ channels: number; secrets: number }>;
  /** The accounts webhooks named that no channel holds: what a channel may be added for. */
  unrouted(): Promise<UnroutedAccount[]>;
}

function invalid(field: string, why: string): OmniError {
  return new OmniError('OMNI_ERR_CHANNEL_INVALID', `${field} ${why}`);
}

/**
 * The URL a bot's webhook gets: `<base>/webhook/telegram`. Checked before anything is written, so
 * a bad `register` leaves no channel behind. HTTPS only: Telegram delivers to nothing else.
 */
export function telegramWebhookUrl(base: string, platform: PlatformName): string {
  if (platform !== 'telegram') throw invalid('register', `is for a telegram channel, not ${platform}`);
  const url = URL.canParse(base) ? new URL(base) : undefined;
  if (url?.protocol !== 'https:' || url.search || url.hash || url.username || url.password) {
    throw invalid('register', 'must be the https base URL Omni is reached at, such as https://omni.example.com');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/webhook/telegram`;
}

export function createChannelAdmin(options: ChannelAdminOptions): ChannelAdmin {
  const { sql, box, config } = options;
  const apis = platformApis(config);
  const telegram = platformFor('telegram');
  const service = {
    sql,
    box,
    config,
    identifyBot: async (botToken: string) => {
      if (!telegram.identify) throw new Error('the telegram platform cannot identify a bot');
      return telegram.identify({ botToken }, apis).catch((error: unknown) => {
        // Telegram's own words (its `description`), said of the field that carried the token.
        if (!isOmniError(error, 'OMNI_ERR_PLATFORM_REFUSED')) throw error;
        throw invalid('botToken', `was refused by Telegram: ${error.message.replace(/^telegram getMe: /, '')}`);
      });
    },
  };
  const management = (by: AuditBy) => ({ ...service, by });
  // The change is committed by now: a failed reload is logged, not answered (a generated Telegram
  // secret must still reach its caller); the NOTIFY and the periodic refresh catch the directory up.
  const changed = async () => {
    try {
      await options.onChange?.();
    } catch (error) {
      options.logger?.warn(
        { code: (error as { code?: unknown }).code, reason: (error as Error).message },
        'channels: reloading after a committed change failed; the periodic refresh will catch up',
      );
    }
  };

  // An environment channel's secrets are the variables', never the row's.
  const secretsOf = (row: ChannelRow): ChannelSecrets =>
    row.source === 'environment'
      ? (environmentSecrets(config.platforms, config.platformTokens)[row.platform] ?? {})
      : openChannelSecrets(row, box, new Date());

  // Telegram's refusal is reported, not thrown: the channel is stored by then and a retry is `update --register`.
  const tryRegister = async (secrets: ChannelSecrets, url: string): Promise<Registration> => {
    if (!secrets.webhookSecret) return { url, ok: false, problem: 'the channel has no webhook secret' };
    try {
      await telegram.registerWebhook?.(secrets, apis, { url, secretToken: secrets.webhookSecret });
      return { url, ok: true };
    } catch (error) {
      return { url, ok: false, problem: error instanceof Error ? error.message : String(error) };
    }
  };
  // The audit row leaves Telegram's words out: an error about a Bot API call can quote its URL, which holds the token.
  const register = async (channelId: number, url: string, by: AuditBy): Promise<Registration> => {
    const registration = await tryRegister(secretsOf(await findChannel(sql, channelId, 'telegram')), url);
    await recordChannelAudit(sql, by, 'channel.webhook_registered', channelId, { url, ok: registration.ok });
    return registration;
  };

  return {
    list: async () => (await selectLiveChannels(sql)).map(channelView),
    get: async ({ nameOrId, platform }) => channelView(await findChannel(sql, nameOrId, platform)),
    async add(body, by, base) {
      const url = base === undefined ? undefined : telegramWebhookUrl(base, readPlatform(body.platform));
      const added = await addChannel(management(by), body);
      await changed();
      if (url === undefined) return added;
      return { ...added, registration: await register(added.channel.id, url, by) };
    },
    async update(lookup, body, by, base) {
      const found = await findChannel(sql, lookup.nameOrId, lookup.platform);
      if (body.platform !== undefined && body.platform !== found.platform) {
        throw invalid('platform', `cannot change (${found.platform}): remove the channel and add one`);
      }
      const url = base === undefined ? undefined : telegramWebhookUrl(base, found.platform);
      const channel =
        Object.keys(body).length > 0 ? await updateChannel(management(by), found.id, body) : channelView(found);
      await changed();
      if (url === undefined) return { channel };
      return { channel, registration: await register(found.id, url, by) };
    },
    async setEnabled({ nameOrId, platform }, enabled, by) {
      const channel = await setChannelEnabled(management(by), nameOrId, enabled, platform);
      await changed();
      return channel;
    },
    async remove({ nameOrId, platform }, by) {
      const channel = await removeChannel(management(by), nameOrId, platform);
      await changed();
      return channel;
    },
    async check({ nameOrId, platform }) {
      const row = await findChannel(sql, nameOrId, platform);
      const result = await platformFor(row.platform).check(secretsOf(row), row.accountId, apis);
      return { channel: channelView(row), ...result };
    },
    async rekey(by) {
      const result = await rekeyChannels(management(by));
      await changed();
      return result;
    },
    unrouted: () => listUnroutedAccounts(sql),
  };
}
