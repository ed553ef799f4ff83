import type { Logger } from 'pino';
import type { OmniConfig, PlatformSecrets } from '../config/load-config.js';
import { buildApp } from '../http/app.js';
import { MessageBus } from '../processor/bus.js';
import { stopWorker } from '../processor/worker.js';
import { createOutbox } from '../queue/outbox.js';
import { startOutboxRelay } from '../queue/relay.js';
import { createEnvironmentKeyrings } from '../platforms/environment-keys.js';
import { PLATFORM_NAMES } from '../platforms/types.js';
import { createConfiguredWorker } from './configured-worker.js';
import { ensureDevAdmin } from './dev-admin.js';
import { ensureDevSecrets, hasAnyPlatform } from './dev-secrets.js';
import { openServices } from './services.js';
import { createConfiguredMediaStore } from '../media/configured-media-store.js';
import { startPeriodicPrune } from '../retention/periodic-prune.js';

export interface RunningServer {
  url: string;
  bus: MessageBus;
  stop(): Promise<void>;
}

async function platformSecrets(config: OmniConfig, logger: Logger, embedded: boolean): Promise<PlatformSecrets> {
  if (hasAnyPlatform(config.platforms) || !embedded) return config.platforms;
  const { secrets, created } = await ensureDevSecrets(config.dataDir);
  if (created) {
    // Printed once, on creation, so a developer can configure a real platform's test app with them.
    process.stdout.write(
      `\nDevelopment webhook secrets (saved in ${config.dataDir}/dev-secrets.json, printed once):\n${JSON.stringify(secrets, null, 2)}\n\n`,
    );
  }
  logger.info('no platform secrets set: using the development secrets from the data dir');
  return secrets;
}

/**
 * `omni serve`: the webhook server, the outbox relay, the hourly prune and — when the queue is
 * embedded — the worker, in one process. `stop` stops accepting, finishes in-flight requests and
 * sends, ends a prune round between two batches, then closes.
 */
export async function startServer(config: OmniConfig, logger: Logger): Promise<RunningServer> {
  const services = await openServices(config, logger, { embedQueue: true });
  const platforms = await platformSecrets(config, logger, services.embeddedDatabase);
  const admin = services.embeddedDatabase ? await ensureDevAdmin(services.sql) : undefined;
  const keyrings = createEnvironmentKeyrings(platforms);
  for (const name of PLATFORM_NAMES) {
    if (keyrings.keyring(name)) logger.info({ platform: name }, 'platform enabled');
    else logger.warn({ platform: name }, 'platform disabled: no secret configured, its webhooks answer 404');
  }
  const outbox = createOutbox({ sql: services.sql, sqs: services.sqs, queueUrl: services.queueUrl, logger });
  const bus = new MessageBus();
  const mediaStore = createConfiguredMediaStore(config);
  const app = buildApp({
    sql: services.sql,
    keyrings,
    outbox,
    logger,
    webhookBodyLimit: config.webhookBodyLimit,
    liveEvents: true,
    apiDocs: true,
    mediaStore,
    uploadMaxBytes: config.media.uploadMaxBytes,
    largeBodyTimeoutMs: config.media.uploadTimeoutMs,
  });
  const relay = startOutboxRelay({ sql: services.sql, outbox, afterMs: config.relayAfterMs, intervalMs: 1000, logger });
  const worker = services.embeddedQueue
    ? createConfiguredWorker(config, services, { logger, bus, outbox, mediaStore, waitTimeSeconds: 1 })
    : undefined;
  worker?.start();
  let url: string;
  try {
    url = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    worker?.stop();
    await relay.stop();
    await services.close();
    throw error;
  }
  logger.info({ url, worker: Boolean(worker) }, 'omni serving');
  const pruner = startPeriodicPrune({
    sql: services.sql,
    mediaStore,
    logger,
    retentionDays: config.retention.webhookLogDays,
  });
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
      await pruner.stop();
      if (worker) await stopWorker(worker);
      await services.close();
    },
  };
}
