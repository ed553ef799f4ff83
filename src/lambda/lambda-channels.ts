import type { Logger } from 'pino';
import type { ChannelDirectory } from '../channels/channel-directory.js';
import type { OmniConfig } from '../config/load-config.js';
import { openChannels } from '../runtime/open-channels.js';
import type { SqlPool } from '../store/database.js';

/** A Lambda's channel directory, and the staleness check its invocations make. */
export interface LambdaChannels {
  directory: ChannelDirectory;
  /** Reloads when the last load is older than CHANNEL_REFRESH_SECONDS; called as an invocation starts. */
  freshen(): Promise<void>;
}

/**
 * The directory of a Lambda sandbox, opened once per cold start (the environment channels upserted
 * then). Its LISTEN and timer work while the sandbox runs, but a frozen sandbox misses NOTIFYs and
 * timers: so each invocation first reloads when the last load is older than CHANNEL_REFRESH_SECONDS
 * (one read at most per that many seconds, never per webhook). A change thus reaches a warm Lambda
 * within CHANNEL_REFRESH_SECONDS, or at once when the NOTIFY arrives while it runs.
 */
export async function openLambdaChannels(sql: SqlPool, config: OmniConfig, logger: Logger): Promise<LambdaChannels> {
  const { directory } = await openChannels(sql, config, logger, config.platforms);
  let loadedAt = Date.now();
  directory.onChange(() => {
    loadedAt = Date.now();
  });
  const staleAfterMs = config.channels.refreshSeconds * 1000;
  return {
    directory,
    async freshen() {
      if (Date.now() - loadedAt >= staleAfterMs) await directory.refresh();
    },
  };
}
