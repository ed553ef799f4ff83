import type { Logger } from 'pino';
import type { ChannelDirectory } from '../channels/channel-directory.js';
import type { OmniConfig } from '../config/load-config.js';
import type { MediaStore } from '../media/media-store.js';
import { platformApis } from '../platforms/platform-apis.js';
import { startDlqDepthPoller } from '../queue/dlq-depth-poller.js';
import { startPeriodicPrune } from '../retention/periodic-prune.js';
import { startPeriodicTemplateSync } from '../templates/periodic-sync.js';
import type { Services } from './services.js';
import { sampleStoreMetrics } from './store-metrics.js';

export interface BackgroundTasks {
  /** Ends a prune round between two batches and waits for a running template sync. */
  stop(): Promise<void>;
}

/**
 * The timers every long-running Omni process keeps, whether it serves webhooks or consumes the queue:
 * the retention prune, the template sync, the store gauges and the DLQ depth. Each keeps several
 * processes from doing the same round twice (a lock, or a recent-sync check), so all may run them.
 */
export function startBackgroundTasks(deps: {
  config: OmniConfig;
  services: Services;
  channels: ChannelDirectory;
  mediaStore: MediaStore;
  logger: Logger;
}): BackgroundTasks {
  const { config, services, channels, mediaStore, logger } = deps;
  const pruner = startPeriodicPrune({
    sql: services.sql,
    mediaStore,
    logger,
    retentionDays: config.retention.webhookLogDays,
  });
  const templateSync = startPeriodicTemplateSync({
    sql: services.sql,
    apis: platformApis(config),
    channels: () => channels.live(),
    logger,
    intervalHours: config.templateSyncHours,
  });
  const stopSampling = sampleStoreMetrics(services.sql);
  const dlqPoller = startDlqDepthPoller({
    sql: services.sql,
    sqs: services.sqs,
    deadLetterQueueUrl: services.deadLetterQueueUrl,
    logger,
  });
  return {
    async stop() {
      await pruner.stop();
      await templateSync.stop();
      await dlqPoller.stop();
      stopSampling();
    },
  };
}
