import type { Command } from 'commander';
import { countDeadLetters, replayDeadLetters } from '../../queue/dlq-replay.js';
import { runCommand, withCommandContext } from '../context.js';

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
        await withCommandContext('omni', async (context) => {
          const { sqs, queueUrl, deadLetterQueueUrl } = context.queue();
          // Required even for --dry-run, which never queries it: the pool connects at its first query.
          const sql = await context.database();
          if (options.dryRun) {
            process.stdout.write(`${await countDeadLetters(sqs, deadLetterQueueUrl)} message(s) in the DLQ\n`);
            return;
          }
          const waiting = await countDeadLetters(sqs, deadLetterQueueUrl);
          const total = Math.min(waiting, options.limit ?? Infinity);
          const moved = await replayDeadLetters({
            sqs,
            sql,
            queueUrl,
            deadLetterQueueUrl,
            limit: options.limit,
            onProgress: (n) => process.stderr.write(`\r${progressBar(n, Math.max(total, n))}`),
          });
          process.stdout.write(`${moved > 0 ? '\n' : ''}replayed ${moved} message(s) from the DLQ\n`);
        });
      }),
    );
}
