import type { Command } from 'commander';
import { ensureQueues } from '../../queue/queues.js';
import { runCommand, withCommandContext } from '../context.js';

export function registerCreateQueues(program: Command): void {
  program
    .command('create-queues')
    .description(
      'Create the main queue and its DLQ (redrive after MAX_RECEIVE_COUNT) and print their URLs as env lines',
    )
    .option('--name <name>', 'main queue name; the DLQ is <name>-dlq', 'omni-messages')
    .option('--visibility-timeout <seconds>', 'main queue visibility timeout', (v) => Number.parseInt(v, 10), 30)
    .action((options: { name: string; visibilityTimeout: number }) =>
      runCommand(async () => {
        await withCommandContext('omni', async (context) => {
          const queues = await ensureQueues(context.sqs(), {
            name: options.name,
            maxReceiveCount: context.config.maxReceiveCount,
            visibilityTimeoutSeconds: options.visibilityTimeout,
          });
          process.stdout.write(
            `MESSAGE_QUEUE_URL=${queues.queueUrl}\nDEAD_LETTER_QUEUE_URL=${queues.deadLetterQueueUrl}\n`,
          );
        });
      }),
    );
}
