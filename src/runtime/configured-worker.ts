import type { Logger } from 'pino';
import type { ChannelDirectory } from '../channels/channel-directory.js';
import type { OmniConfig } from '../config/load-config.js';
import { createConfiguredJobs } from './configured-jobs.js';
import type { MediaStore } from '../media/media-store.js';
import type { MessageBus } from '../processor/bus.js';
import { createWorker, type QueueWorker } from '../processor/worker.js';
import type { Outbox } from '../queue/outbox.js';
import type { Services } from './services.js';

/**
 * The worker as every long-running process composes it — `omni-worker consume`, the embedded worker
 * of `omni serve`, the bench's probe: the configured jobs, with follow-up jobs sent through `outbox`.
 */
export function createConfiguredWorker(
  config: OmniConfig,
  services: Services,
  deps: {
    logger: Logger;
    bus: MessageBus;
    outbox: Outbox;
    channels: ChannelDirectory;
    waitTimeSeconds: number;
    mediaStore?: MediaStore;
  },
): QueueWorker {
  return createWorker({
    sql: services.sql,
    sqs: services.sqs,
    bus: deps.bus,
    logger: deps.logger,
    queueUrl: services.queueUrl,
    jobs: createConfiguredJobs(config, {
      sql: services.sql,
      logger: deps.logger,
      channels: deps.channels,
      mediaStore: deps.mediaStore,
    }),
    outbox: deps.outbox,
    maxReceiveCount: services.maxReceiveCount,
    retryBaseSeconds: config.retryBaseSeconds,
    waitTimeSeconds: deps.waitTimeSeconds,
  });
}
