import type { Command } from 'commander';
import { countDeadLetters, replayDeadLetters } from '../../queue/dlq-replay.js';
import { createSqsClient } from '../../queue/sqs-client.js';
import { createSql } from '../../store/database.js';
import { commandContext, runCommand } from '../context.js';

/** `[########------------] 12/30`: the DLQ's count is approximate, so the bar grows if it was low. */
export function progressBar(done: number, total: number, width = 20): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}

export function registerReplayDlq(program: Command): void {
  program
    .command('replay-dlq')
    .description('Move messages from the dead-letter queue back to the main queue')
    .option('--limit <n>', 'move at most n messages', (v) => Number.parseInt(v, 10))
    .option('--dry-run', 'only print how many messages wait in the DLQ')
    .action((options: { limit?: number; dryRun?: boolean }) =>
      runCommand(async () => {
        const { config } = commandContext('omni');
        if (!config.messageQueueUrl || !config.deadLetterQueueUrl)
          throw new Error('MESSAGE_QUEUE_URL and DEAD_LETTER_QUEUE_URL are required');
        if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
        const sqs = createSqsClient({ region: config.awsRegion, endpoint: config.sqsEndpoint });
        if (options.dryRun) {
          process.stdout.write(`${await countDeadLetters(sqs, config.deadLetterQueueUrl)} message(s) in the DLQ\n`);
          return;
        }
        const sql = createSql(config.databaseUrl, { max: 2 });
        try {
          const waiting = await countDeadLetters(sqs, config.deadLetterQueueUrl);
          const total = Math.min(waiting, options.limit ?? Infinity);
          const moved = await replayDeadLetters({
            sqs,
            sql,
            queueUrl: config.messageQueueUrl,
            deadLetterQueueUrl: config.deadLetterQueueUrl,
            limit: options.limit,
            onProgress: (n) => process.stderr.write(`\r${progressBar(n, Math.max(total, n))}`),
          });
          process.stdout.write(`${moved > 0 ? '\n' : ''}replayed ${moved} message(s) from the DLQ\n`);
        } finally {
          await sql.end({ timeout: 5 });
          sqs.destroy();
        }
      }),
    );
}
