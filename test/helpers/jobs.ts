import type { Logger } from 'pino';
import type { Test } from 'tap';
import type { OmniConfig } from '../../src/config/load-config.js';
import type { Jobs } from '../../src/jobs/jobs.js';
import type { MediaStore } from '../../src/media/media-store.js';
import { createConfiguredJobs } from '../../src/runtime/configured-jobs.js';
import type { SqlPool } from '../../src/store/database.js';
import { silentLogger, TEST_SECRETS } from './app.js';
import { openTestChannels } from './channels.js';

/**
 * The configured jobs as a worker process runs them: with its own channel directory over the test
 * environment's channels (TEST_SECRETS, or `platforms`) and the config's send tokens.
 */
export async function configuredTestJobs(
  t: Test,
  sql: SqlPool,
  config: OmniConfig,
  deps: { logger?: Logger; mediaStore?: MediaStore; platforms?: OmniConfig['platforms'] } = {},
): Promise<Jobs> {
  const channels = await openTestChannels(t, sql, {
    platforms: deps.platforms ?? TEST_SECRETS,
    tokens: config.platformTokens,
  });
  return createConfiguredJobs(config, {
    sql,
    logger: deps.logger ?? silentLogger,
    channels,
    mediaStore: deps.mediaStore,
  });
}
