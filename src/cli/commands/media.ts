import type { Command } from 'commander';
import { retryFailedMedia } from '../../media/retry-failed-media.js';
import { createOutbox } from '../../queue/outbox.js';
import { sinceOption } from '../arguments.js';
import { runCommand, withCommandContext } from '../context.js';

export function registerMedia(program: Command): void {
  const media = program.command('media').description('Attachments: downloads and their failures');
  media
    .command('retry')
    .description(
      'Re-queue failed media downloads (an expired id a platform has again, a token set since, a host now allowed)',
    )
    .option('--since <time>', 'only attachments that failed at or after this ISO-8601 time')
    .action((options: { since?: string }) =>
      runCommand(async () => {
        const since = sinceOption(options.since);
        await withCommandContext('omni', async (context) => {
          const sql = await context.database();
          // With an embedded queue there is no queue to reach from here: the running server's relay sends the rows.
          const queue = context.queueIfSet();
          const outbox =
            queue && createOutbox({ sql, sqs: queue.sqs, queueUrl: queue.queueUrl, logger: context.logger });
          try {
            const count = await retryFailedMedia(sql, outbox, { since });
            process.stdout.write(
              `re-queued ${count} failed download(s)${outbox ? '' : " (the running server's relay sends them)"}\n`,
            );
          } finally {
            await outbox?.drain();
          }
        });
      }),
    );
}
