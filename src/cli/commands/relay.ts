import type { Command } from 'commander';
import { createOutbox } from '../../queue/outbox.js';
import { relayPendingOnce, startOutboxRelay } from '../../queue/relay.js';
import { onShutdownSignal } from '../../runtime/shutdown.js';
import { openCommandContext, runCommand } from '../context.js';

export function registerRelay(program: Command): void {
  program
    .command('relay')
    .description('Send queue rows left pending past OUTBOX_RELAY_AFTER_MS (the crash window between commit and send)')
    .option('--once', 'send what is pending now, print the count and exit (for a scheduled job)')
    .action((options: { once?: boolean }) =>
      runCommand(async () => {
        const context = await openCommandContext('omni');
        const { config, logger } = context;
        const sql = await context.database();
        const { sqs, queueUrl } = context.queue();
        const outbox = createOutbox({ sql, sqs, queueUrl, logger });
        const close = async () => {
          await outbox.drain();
          await context.close();
        };
        if (options.once) {
          try {
            process.stdout.write(
              `relayed ${await relayPendingOnce(sql, outbox, config.relayAfterMs)} pending row(s)\n`,
            );
          } finally {
            await close();
          }
          return;
        }
        const relay = startOutboxRelay({ sql, outbox, afterMs: config.relayAfterMs, intervalMs: 1000, logger });
        onShutdownSignal(logger, async () => {
          await relay.stop();
          await close();
        });
      }),
    );
}
