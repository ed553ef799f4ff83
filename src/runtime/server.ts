import type { Logger } from 'pino';
import type { ChannelDirectory } from '../channels/channel-directory.js';
import type { SecretBox } from '../vault/secret-box.js';
import type { OmniConfig } from '../config/load-config.js';
import { buildApp } from '../http/app.js';
import { endpointPolicy } from '../endpoints/endpoint-policy.js';
import { MessageBus } from '../processor/bus.js';
import { stopWorker } from '../processor/worker.js';
import { createOutbox } from '../queue/outbox.js';
import { startOutboxRelay } from '../queue/relay.js';
import { PLATFORM_NAMES } from '../platforms/types.js';
import { startBackgroundTasks } from './background-tasks.js';
import { createConfiguredWorker } from './configured-worker.js';
import { ensureDevAdmin } from './dev-admin.js';
import { environmentPlatforms, openChannels } from './open-channels.js';
import { openServices } from './services.js';
import { createConfiguredMediaStore } from '../media/configured-media-store.js';

export interface RunningServer {
  url: string;
  bus: MessageBus;
  stop(): Promise<void>;
}

/**
 * `omni serve`: the webhook server, the outbox relay, the hourly prune, the template sync every
 * TEMPLATE_SYNC_HOURS and — when the queue is embedded — the worker, in one process. `stop` stops
 * accepting, finishes in-flight requests and sends, ends a prune round between two batches, waits
 * for a running template sync, then closes.
 */
export async function startServer(config: OmniConfig, logger: Logger): Promise<RunningServer> {
  const services = await openServices(config, logger, { embedQueue: true });
  let channels: ChannelDirectory;
  let box: SecretBox | undefined;
  try {
    const platforms = await environmentPlatforms(config, logger, services.embeddedDatabase);
    ({ directory: channels, box } = await openChannels(services.sql, config, logger, platforms));
  } catch (error) {
    await services.close();
    throw error;
  }
  const admin = services.embeddedDatabase ? await ensureDevAdmin(services.sql) : undefined;
  for (const name of PLATFORM_NAMES) {
    const count = channels.enabled(name).length;
    if (count) logger.info({ platform: name, channels: count }, 'platform enabled');
    else logger.warn({ platform: name }, 'platform has no enabled channel: its webhooks answer 404 until one is added');
  }
  const outbox = createOutbox({ sql: services.sql, sqs: services.sqs, queueUrl: services.queueUrl, logger });
  const bus = new MessageBus();
  const mediaStore = createConfiguredMediaStore(config);
  const app = buildApp({
    sql: services.sql,
    channels,
    // Channels are managed over /api/channels with the process's key (embedded: the data dir's).
    channelSealing: { box, config },
    endpointPolicy: endpointPolicy(config.endpoints),
    outbox,
    queue: { sqs: services.sqs, queueUrl: services.queueUrl, deadLetterQueueUrl: services.deadLetterQueueUrl },
    logger,
    webhookBodyLimit: config.webhookBodyLimit,
    liveEvents: true,
    eventStreamsPerUser: config.eventStreamsPerUser,
    apiDocs: true,
    mediaStore,
    uploadMaxBytes: config.media.uploadMaxBytes,
    largeBodyTimeoutMs: config.media.uploadTimeoutMs,
    trustProxy: config.http.trustProxy,
    metricsToken: config.http.metricsToken,
  });
  const relay = startOutboxRelay({ sql: services.sql, outbox, afterMs: config.relayAfterMs, intervalMs: 1000, logger });
  const worker = services.embeddedQueue
    ? createConfiguredWorker(config, services, { logger, bus, outbox, channels, mediaStore, waitTimeSeconds: 1 })
    : undefined;
  worker?.start();
  let url: string;
  try {
    url = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    worker?.stop();
    await relay.stop();
    await channels.close();
    await services.close();
    throw error;
  }
  logger.info({ url, worker: Boolean(worker) }, 'omni serving');
  const background = startBackgroundTasks({ config, services, channels, mediaStore, logger });
  if (admin) {
    // Printed once, when created: only its hash is stored. `omni user create` makes real agents.
    process.stdout.write(
      `\nDashboard: ${url}/  (development admin, printed once)\n  email:    ${admin.email}\n  password: ${admin.password}\n\n`,
    );
  }
  return {
    url,
    bus,
    async stop() {
      await app.close();
      await relay.stop();
      await background.stop();
      if (worker) await stopWorker(worker);
      await channels.close();
      await services.close();
    },
  };
}
