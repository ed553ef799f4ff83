import type { Logger } from 'pino';
import type { OmniConfig } from '../config/load-config.js';
import { createConfiguredMediaStore } from '../media/configured-media-store.js';
import { createFetchMediaHandler } from '../media/fetch-media-job.js';
import type { MediaStore } from '../media/media-store.js';
import { planMediaFetches } from '../media/plan-media-fetches.js';
import type { Sql } from '../store/database.js';
import type { Jobs } from './jobs.js';

/**
 * The jobs a processor runs, built from the configuration: the one place each kind's handler and each
 * follow-up planner is wired in, for the worker, the embedded worker of `omni serve` and the Lambda.
 * `mediaStore` defaults to the configured one (MEDIA_S3_BUCKET or MEDIA_DIR).
 */
export function createConfiguredJobs(config: OmniConfig, deps: { sql: Sql; logger: Logger; mediaStore?: MediaStore }): Jobs {
  const mediaStore = deps.mediaStore ?? createConfiguredMediaStore(config);
  return {
    handlers: { fetch_media: createFetchMediaHandler(config, mediaStore) },
    followUps: [planMediaFetches],
  };
}
