import type { Logger } from 'pino';
import type { OmniConfig } from '../config/load-config.js';
import { createEventDeliverer } from '../endpoints/deliver-event.js';
import { endpointPolicy } from '../endpoints/endpoint-policy.js';
import { planEventDeliveries } from '../endpoints/plan-deliveries.js';
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
import type { ChannelDirectory } from '../channels/channel-directory.js';

/**
 * The jobs a processor runs, built from the configuration: the one place each kind's handler and each
 * follow-up planner is wired in, for the worker, the embedded worker of `omni serve` and the Lambda.
 * `mediaStore` (where downloads go and uploaded replies are read from) defaults to the configured one
 * (MEDIA_S3_BUCKET or MEDIA_DIR). `channels` is the process's channel directory: a reply, a
 * download or a profile fetch uses its conversation's channel's token (a reply its cap too).
 */
export function createConfiguredJobs(
  config: OmniConfig,
  deps: { sql: Sql; logger: Logger; channels: ChannelDirectory; mediaStore?: MediaStore },
): Jobs {
  const mediaStore = deps.mediaStore ?? createConfiguredMediaStore(config);
  return {
    handlers: {
      deliver_event: createEventDeliverer({
        policy: endpointPolicy(config.endpoints),
        disableAfterFailures: config.endpoints.disableAfterFailures,
      }),
      send_message: createSendReplyHandler({
        channels: deps.channels,
        apis: platformApis(config),
        mediaStore,
      }),
      fetch_media: createFetchMediaHandler(config, mediaStore, deps.channels),
      fetch_profile: createFetchProfileHandler(config, mediaStore, deps.channels),
    },
    followUps: [planEventDeliveries(), planMediaFetches, planProfileFetches(config.profiles.refreshHours)],
  };
}
