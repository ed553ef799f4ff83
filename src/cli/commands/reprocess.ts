import type { Command } from 'commander';
import { PLATFORM_NAMES } from '../../platforms/types.js';
import { reprocessWebhookLogs } from '../../store/reprocess.js';
import { platformArgument, sinceOption } from '../arguments.js';
import { runCommand, withCommandContext } from '../context.js';

export function registerReprocess(program: Command): void {
  program
    .command('reprocess')
    .description('Re-run the current parsers over the raw bodies in webhook_logs, backfilling messages idempotently')
    .option('--platform <platform>', PLATFORM_NAMES.join(' | '))
    .option('--since <time>', 'only bodies received at or after this ISO-8601 time')
    .action((options: { platform?: string; since?: string }) =>
      runCommand(async () => {
        const platform = options.platform ? platformArgument(options.platform) : undefined;
        const since = sinceOption(options.since);
        await withCommandContext('omni', async (context) => {
          const report = await reprocessWebhookLogs(await context.database(), {
            platform,
            since,
            onProgress: (n) => process.stderr.write(`\rread ${n} bodies`),
          });
          process.stdout.write(`\n${JSON.stringify(report)}\n`);
        });
      }),
    );
}
