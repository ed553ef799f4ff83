import type { Logger } from 'pino';
import type { OmniConfig } from '../config/load-config.js';
import type { ChannelSecrets, PlatformName } from '../platforms/types.js';
import { CHANNELS_NOTIFY, type ChannelRow, selectLiveChannels } from '../store/channels.js';
import type { SqlPool } from '../store/database.js';
import type { SecretBox } from '../vault/secret-box.js';
import type { Channel } from './channel.js';
import type { EnvironmentSecrets } from './environment-channels.js';
import { hasSealedSecrets, noKeyError, openChannelSecrets } from './sealed-secrets.js';

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
  /** The channels whose secrets could not be opened: kept, usable for nothing. */
  unreadable: { id: number; platform: PlatformName; name: string; code: unknown; reason: string }[];
  /** The earliest end of a previous app secret's rotation window: a reload then drops that secret. */
  nextRotationEnd: Date | undefined;
}

/** The channel's secrets, or why they cannot be opened (an OmniError of the vault, which names no secret). */
function secretsOf(row: ChannelRow, options: ChannelDirectoryOptions, now: Date): ChannelSecrets | Error {
  // The environment wins for its own channel: its secrets come from the variables, never the row.
  if (row.source === 'environment') return options.environment[row.platform] ?? {};
  try {
    return openChannelSecrets(row, options.box, now);
  } catch (error) {
    return error as Error;
  }
}

function snapshot(rows: ChannelRow[], options: ChannelDirectoryOptions): Snapshot {
  const now = new Date();
  const result: Snapshot = { byId: new Map(), enabled: new Map(), unreadable: [], nextRotationEnd: undefined };
  for (const row of rows) {
    const opened = secretsOf(row, options, now);
    const unreadable = opened instanceof Error;
    if (unreadable) {
      const code = (opened as { code?: unknown }).code;
      result.unreadable.push({ id: row.id, platform: row.platform, name: row.name, code, reason: opened.message });
    }
    const secrets = unreadable ? {} : opened;
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
      ...(unreadable ? { unreadable: true as const } : {}),
    };
    result.byId.set(channel.id, channel);
    if (channel.enabled)
      result.enabled.set(channel.platform, [...(result.enabled.get(channel.platform) ?? []), channel]);
    const until = row.previousAppSecretUntil;
    const rotating = row.sealed.previous_app_secret !== null && until !== null && until > now;
    if (rotating && (!result.nextRotationEnd || until < result.nextRotationEnd)) result.nextRotationEnd = until;
  }
  return result;
}

/** setTimeout's longest delay; a later rotation end is reached by timers rearmed on each reload. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Loads the directory and keeps it fresh. A start with stored secrets and no key fails, naming
 * OMNI_ENCRYPTION_KEY; otherwise a channel whose secrets cannot be opened (sealed with a key this
 * process lacks, or altered) is kept unusable (`unreadable`: it authenticates and sends nothing) and
 * logged on each reload, without a secret, while the others load. A reload that fails (the
 * database is away) keeps the last loaded set. A previous app secret stops verifying when its
 * rotation window ends: a reload is timed for it.
 */
export async function openChannelDirectory(options: ChannelDirectoryOptions): Promise<ChannelDirectory> {
  const { sql, logger } = options;
  const listeners = new Set<() => void>();
  let current: Snapshot | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let rotationTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const load = async () => {
    const rows = await selectLiveChannels(sql);
    // No key at all is the process's configuration, not a channel's fault: a start fails on it.
    if (!current && !options.box && rows.some(hasSealedSecrets)) throw noKeyError();
    const next = snapshot(rows, options);
    if (next.unreadable.length > 0)
      logger.error(
        { channels: next.unreadable },
        "channels: some channels' secrets cannot be opened; those channels authenticate and send nothing",
      );
    clearTimeout(rotationTimer);
    if (next.nextRotationEnd && !closed) {
      const delay = Math.min(Math.max(next.nextRotationEnd.getTime() - Date.now(), 0), MAX_TIMER_MS);
      rotationTimer = setTimeout(refreshQuietly, delay);
      rotationTimer.unref();
    }
    current = next;
  };
  const reload = async () => {
    await load();
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
  function refreshQuietly() {
    refresh().catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      logger.error(
        { code, reason: (error as Error).message },
        'channels: reload failed; the last loaded channels stay',
      );
    });
  }

  // LISTEN first: a change committed between the first load and the LISTEN would otherwise wait
  // for the periodic refresh. A NOTIFY during the first load makes it load once more.
  let listened = false;
  const subscription = await sql.listen(CHANNELS_NOTIFY, refreshQuietly, () => {
    // The first call is the LISTEN itself; a later one is a re-LISTEN after which NOTIFYs may be lost.
    if (listened) refreshQuietly();
    listened = true;
  });
  try {
    await refresh();
  } catch (error) {
    await subscription.unlisten().catch(() => undefined);
    throw error;
  }
  const timer = setInterval(refreshQuietly, options.config.channels.refreshSeconds * 1000);
  timer.unref();
  const loaded = () => current as Snapshot;

  return {
    enabled: (platform) => loaded().enabled.get(platform) ?? [],
    byId: (id) => loaded().byId.get(id),
    live: () => [...loaded().byId.values()],
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    async close() {
      closed = true;
      clearInterval(timer);
      clearTimeout(rotationTimer);
      listeners.clear();
      await subscription.unlisten().catch(() => undefined);
      await running?.catch(() => undefined);
    },
  };
}
