import type { Logger } from 'pino';
import type { OmniConfig } from '../config/load-config.js';
import type { PlatformName } from '../platforms/types.js';
import { CHANNELS_NOTIFY, type ChannelRow, selectLiveChannels } from '../store/channels.js';
import type { SqlPool } from '../store/database.js';
import type { SecretBox } from '../vault/secret-box.js';
import type { Channel } from './channel.js';
import type { EnvironmentSecrets } from './environment-channels.js';
import { openChannelSecrets } from './sealed-secrets.js';

/**
 * Every live channel, secrets opened, held in memory: webhooks, sends and media read it, never the
 * database. It reloads on each NOTIFY on `omni_channels` (every channel write sends one), on a
 * re-established LISTEN, and every CHANNEL_REFRESH_SECONDS in case a NOTIFY was lost.
 */
export interface ChannelDirectory {
  /** Enabled channels of a platform (for webhooks): never a database read. */
  enabled(platform: PlatformName): readonly Channel[];
  /** Any live (not removed) channel by id, enabled or not (replies, media, profiles use the conversation's channel). */
  byId(id: number): Channel | undefined;
  /** Every live channel, enabled or not (the media job redacts all their secrets from what it records). */
  live(): readonly Channel[];
  /** Calls `listener` after each reload (webhook routes rebuild their keyrings); answers the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Reloads now (called after a change this process made, and by LISTEN/NOTIFY and the periodic refresh). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export interface ChannelDirectoryOptions {
  sql: SqlPool;
  /** Undefined when no key is configured: loading a channel with stored secrets then fails naming OMNI_ENCRYPTION_KEY. */
  box: SecretBox | undefined;
  config: Pick<OmniConfig, 'sending' | 'channels'>;
  /** The environment channels' secrets (`environmentSecrets`), merged into their rows. */
  environment: EnvironmentSecrets;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

interface Snapshot {
  byId: Map<number, Channel>;
  enabled: Map<PlatformName, Channel[]>;
}

function snapshot(rows: ChannelRow[], options: ChannelDirectoryOptions): Snapshot {
  const now = new Date();
  const byId = new Map<number, Channel>();
  const enabled = new Map<PlatformName, Channel[]>();
  for (const row of rows) {
    // The environment wins for its own channel: its secrets come from the variables, never the row.
    const secrets =
      row.source === 'environment'
        ? (options.environment[row.platform] ?? {})
        : openChannelSecrets(row, options.box, now);
    const channel: Channel = {
      id: row.id,
      platform: row.platform,
      name: row.name,
      source: row.source,
      accountId: row.accountId,
      wabaId: row.wabaId,
      // An environment channel whose variables are gone authenticates nothing: it is kept, not enabled.
      enabled: row.enabled && Object.keys(secrets).length > 0,
      sendsPerSecond: row.sendsPerSecond ?? options.config.sending.sendsPerSecond[row.platform],
      secrets,
    };
    byId.set(channel.id, channel);
    if (channel.enabled) enabled.set(channel.platform, [...(enabled.get(channel.platform) ?? []), channel]);
  }
  return { byId, enabled };
}

/**
 * Loads the directory (failing, as a start should, when a channel cannot be opened) and keeps it
 * fresh. A later reload that fails keeps the last good set and logs why, never a secret.
 */
export async function openChannelDirectory(options: ChannelDirectoryOptions): Promise<ChannelDirectory> {
  const { sql, logger } = options;
  let current = snapshot(await selectLiveChannels(sql), options);
  const listeners = new Set<() => void>();
  let running: Promise<void> | undefined;
  let again = false;

  const reload = async () => {
    current = snapshot(await selectLiveChannels(sql), options);
    for (const listener of listeners) listener();
  };
  // One reload at a time; a request during one runs one more after it, so no change is missed.
  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await reload();
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  const refreshQuietly = () => {
    refresh().catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      logger.error(
        { code, reason: (error as Error).message },
        'channels: reload failed; the last loaded channels stay',
      );
    });
  };

  let listened = false;
  const subscription = await sql.listen(CHANNELS_NOTIFY, refreshQuietly, () => {
    // The first call is the LISTEN itself; a later one is a re-LISTEN after which NOTIFYs may be lost.
    if (listened) refreshQuietly();
    listened = true;
  });
  const timer = setInterval(refreshQuietly, options.config.channels.refreshSeconds * 1000);
  timer.unref();

  return {
    enabled: (platform) => current.enabled.get(platform) ?? [],
    byId: (id) => current.byId.get(id),
    live: () => [...current.byId.values()],
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    async close() {
      clearInterval(timer);
      listeners.clear();
      await subscription.unlisten().catch(() => undefined);
      await running?.catch(() => undefined);
    },
  };
}
