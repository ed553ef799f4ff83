import type { Logger } from 'pino';
import type { OmniConfig } from '../config/load-config.js';
import { createEventDeliverer } from '../endpoints/deliver-event.js';
import { endpointPolicy } from '../endpoints/endpoint-policy.js';
import { planEventDeliveries } from '../endpoints/plan-deliveries.js';
import { environmentSecretsLookup } from '../platforms/environment-keys.js';
import { platformApis } from '../platforms/platform-apis.js';
import { createSendReplyHandler } from '../replies/send-reply-job.js';
import { createConfiguredMediaStore } from '../media/configured-media-store.js';
import { createFetchMediaHandler } from '../media/fetch-media-job.js';
import type { MediaStore } from '../media/media-store.js';
import { planMediaFetches } from '../media/plan-media-fetches.js';
import { createFetchProfileHandler } from '../profiles/fetch-profile-job.js';
import { planProfileFetches } from '../profiles/plan-profile-fetches.js';
import type { Sql } from '../store/database.js';
import type { Jobs } from '../jobs/jobs.js';
import type { ChannelSecretsLookup } from '../platforms/types.js';

/**
 * The jobs a processor runs, built from the configuration: the one place each kind's handler and each
 * follow-up planner is wired in, for the worker, the embedded worker of `omni serve` and the Lambda.
 * `mediaStore` (where downloads go and uploaded replies are read from) defaults to the configured one
 * (MEDIA_S3_BUCKET or MEDIA_DIR); `secretsFor` (whose token a reply, a download or a profile fetch uses) to the environment's.
 */
export function createConfiguredJobs(
  config: OmniConfig,
  deps: { sql: Sql; logger: Logger; mediaStore?: MediaStore; secretsFor?: ChannelSecretsLookup },
): Jobs {
  const { sending } = config;
  const mediaStore = deps.mediaStore ?? createConfiguredMediaStore(config);
  // Without a channel directory, every conversation uses the environment's secrets.
  const secretsFor = deps.secretsFor ?? environmentSecretsLookup(config.platforms, config.platformTokens);
  return {
    handlers: {
      deliver_event: createEventDeliverer({
        policy: endpointPolicy(config.endpoints),
        disableAfterFailures: config.endpoints.disableAfterFailures,
      }),
      send_message: createSendReplyHandler({
        secretsFor,
        apis: platformApis(config),
        mediaStore,
        sendsPerSecond: sending.sendsPerSecond,
      }),
      fetch_media: createFetchMediaHandler(config, mediaStore, secretsFor),
      fetch_profile: createFetchProfileHandler(config, mediaStore, secretsFor),
    },
    followUps: [planEventDeliveries(), planMediaFetches, planProfileFetches(config.profiles.refreshHours)],
  };
}
