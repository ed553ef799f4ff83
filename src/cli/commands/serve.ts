import type { Command } from 'commander';
import { startTracing } from '../../observability/tracing.js';
import { startServer } from '../../runtime/server.js';
import { onShutdownSignal } from '../../runtime/shutdown.js';
import { openCommandContext, runCommand } from '../context.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the webhook server (and, with no MESSAGE_QUEUE_URL, an embedded queue and the worker)')
    .option('-p, --port <port>', 'HTTP port (env PORT, default 3000)')
    .option('--host <host>', 'bind address (env HOST, default 127.0.0.1)')
    .action((options: { port?: string; host?: string }) =>
      runCommand(async () => {
        if (options.port) process.env.PORT = options.port;
        if (options.host) process.env.HOST = options.host;
        // The server opens its own database and queue, embedded when unset.
        const { config, logger } = await openCommandContext('omni');
        const tracing = await startTracing(config.tracing, 'omni', logger);
        const server = await startServer(config, logger);
        process.stdout.write(`Omni is listening on ${server.url}\n`);
        onShutdownSignal(logger, async () => {
          await server.stop();
          await tracing.shutdown();
        });
      }),
    );
}
