import { Command } from 'commander';
import { createConfiguredMediaStore } from '../media/configured-media-store.js';
import { MessageBus } from '../processor/bus.js';
import { createOutbox } from '../queue/outbox.js';
import { startOutboxRelay } from '../queue/relay.js';
import { startBackgroundTasks } from '../runtime/background-tasks.js';
import { createConfiguredWorker } from '../runtime/configured-worker.js';
import { stopWorker } from '../processor/worker.js';
import { openChannels } from '../runtime/open-channels.js';
import { openServices } from '../runtime/services.js';
import { onShutdownSignal } from '../runtime/shutdown.js';
import { startTracing } from '../observability/tracing.js';
import { startMetricsServer } from '../runtime/metrics-server.js';
import { portOption } from './arguments.js';
import { openCommandContext, runCommand } from './context.js';

export function buildWorkerProgram(): Command {
  const program = new Command('omni-worker').description('Omni message processor').showHelpAfterError();
  program
    .command('consume')
    .description('Consume MESSAGE_QUEUE_URL: process each item; failures retry, then go to the DLQ')
    .option('--once', 'exit when the queue is empty')
    .option('--metrics-port <port>', 'serve /metrics on this port (default: METRICS_PORT; neither: no HTTP)')
    .action((options: { once?: boolean; metricsPort?: string }) =>
      runCommand(async () => {
        const metricsPort = portOption(options.metricsPort, '--metrics-port');
        const context = await openCommandContext('omni-worker');
        const { config, logger } = context;
        // A separate worker shares the database: it never starts an embedded one.
        context.databaseUrl();
        const tracing = await startTracing(config.tracing, 'omni-worker', logger);
        const services = await openServices(config, logger, { embedQueue: false });
        const { directory: channels } = await openChannels(services.sql, config, logger, config.platforms).catch(
          async (error: unknown) => {
            await services.close();
            throw error;
          },
        );
        const outbox = createOutbox({ sql: services.sql, sqs: services.sqs, queueUrl: services.queueUrl, logger });
        const relay = startOutboxRelay({
          sql: services.sql,
          outbox,
          afterMs: config.relayAfterMs,
          intervalMs: 1000,
          logger,
        });
        const mediaStore = createConfiguredMediaStore(config);
        const worker = createConfiguredWorker(config, services, {
          logger,
          bus: new MessageBus(),
          outbox,
          channels,
          mediaStore,
          waitTimeSeconds: options.once ? 1 : 20,
        });
        const background = startBackgroundTasks({ config, services, channels, mediaStore, logger });
        const port = metricsPort ?? config.http.metricsPort;
        const metricsServer =
          port === undefined
            ? undefined
            : await startMetricsServer({ port, host: config.host, metricsToken: config.http.metricsToken, logger });
        if (metricsServer) logger.info({ url: `${metricsServer.url}/metrics` }, 'worker serving metrics');
        const stop = async () => {
          await stopWorker(worker);
          await relay.stop();
          await background.stop();
          await metricsServer?.stop();
          await outbox.drain();
          await channels.close();
          await services.close();
          await tracing.shutdown();
        };
        if (options.once) worker.once('empty', () => void stop().then(() => logger.info('queue empty: exiting')));
        onShutdownSignal(logger, stop);
        worker.start();
        logger.info({ queueUrl: services.queueUrl, maxReceiveCount: services.maxReceiveCount }, 'worker consuming');
      }),
    );
  return program;
}
