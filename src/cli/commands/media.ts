import type { Command } from 'commander';
import { retryFailedMedia } from '../../media/retry-failed-media.js';
import { createOutbox } from '../../queue/outbox.js';
import { createSqsClient } from '../../queue/sqs-client.js';
import { createSql } from '../../store/database.js';
import { commandContext, runCommand } from '../context.js';

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
        const since = options.since ? new Date(options.since) : undefined;
        if (since && Number.isNaN(since.getTime())) throw new Error(`--since ${options.since} is not a time`);
        const { config, logger } = commandContext('omni');
        if (!config.databaseUrl)
          throw new Error('DATABASE_URL is required (embedded: the URL in OMNI_DATA_DIR/database-url)');
        const sql = createSql(config.databaseUrl, { max: 2 });
        // With an embedded queue there is no queue to reach from here: the running server's relay sends the rows.
        const sqs = config.messageQueueUrl
          ? createSqsClient({ region: config.awsRegion, endpoint: config.sqsEndpoint })
          : undefined;
        const outbox =
          sqs && config.messageQueueUrl
            ? createOutbox({ sql, sqs, queueUrl: config.messageQueueUrl, logger })
            : undefined;
        try {
          const count = await retryFailedMedia(sql, outbox, { since });
          process.stdout.write(
            `re-queued ${count} failed download(s)${outbox ? '' : " (the running server's relay sends them)"}\n`,
          );
        } finally {
          await outbox?.drain();
          await sql.end({ timeout: 5 });
          sqs?.destroy();
        }
      }),
    );
}
