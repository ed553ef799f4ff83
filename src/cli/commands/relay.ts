import type { Command } from 'commander';
import { createOutbox } from '../../queue/outbox.js';
import { relayPendingOnce, startOutboxRelay } from '../../queue/relay.js';
import { createSqsClient } from '../../queue/sqs-client.js';
import { onShutdownSignal } from '../../runtime/shutdown.js';
import { createSql } from '../../store/database.js';
import { commandContext, runCommand } from '../context.js';

export function registerRelay(program: Command): void {
  program
    .command('relay')
    .description('Send queue rows left pending past OUTBOX_RELAY_AFTER_MS (the crash window between commit and send)')
    .option('--once', 'send what is pending now, print the count and exit (for a scheduled job)')
    .action((options: { once?: boolean }) =>
      runCommand(async () => {
        const { config, logger } = commandContext('omni');
        if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
        if (!config.messageQueueUrl) throw new Error('MESSAGE_QUEUE_URL is required');
        const sql = createSql(config.databaseUrl, { max: 2 });
        const sqs = createSqsClient({ region: config.awsRegion, endpoint: config.sqsEndpoint });
        const outbox = createOutbox({ sql, sqs, queueUrl: config.messageQueueUrl, logger });
        const close = async () => {
          await outbox.drain();
          await sql.end({ timeout: 5 });
          sqs.destroy();
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
