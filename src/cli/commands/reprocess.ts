import type { Command } from 'commander';
import { PLATFORM_NAMES, type PlatformName } from '../../platforms/types.js';
import { reprocessWebhookLogs } from '../../store/reprocess.js';
import { runCommand, withCommandContext } from '../context.js';

export function registerReprocess(program: Command): void {
  program
    .command('reprocess')
    .description('Re-run the current parsers over the raw bodies in webhook_logs, backfilling messages idempotently')
    .option('--platform <platform>', PLATFORM_NAMES.join(' | '))
    .option('--since <time>', 'only bodies received at or after this ISO-8601 time')
    .action((options: { platform?: string; since?: string }) =>
      runCommand(async () => {
        if (options.platform && !PLATFORM_NAMES.includes(options.platform as PlatformName)) {
          throw new Error(`unknown platform ${options.platform}: use ${PLATFORM_NAMES.join(', ')}`);
        }
        const since = options.since ? new Date(options.since) : undefined;
        if (since && Number.isNaN(since.getTime())) throw new Error(`--since ${options.since} is not a time`);
        await withCommandContext('omni', async (context) => {
          const report = await reprocessWebhookLogs(await context.database(), {
            platform: options.platform as PlatformName | undefined,
            since,
            onProgress: (n) => process.stderr.write(`\rread ${n} bodies`),
          });
          process.stdout.write(`\n${JSON.stringify(report)}\n`);
        });
      }),
    );
}
