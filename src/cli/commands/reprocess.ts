import type { Command } from 'commander';
import { loadStoredItemRouting } from '../../channels/route-stored-items.js';
import { OmniError } from '../../errors.js';
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
          // Migrated first: routing reads webhook_logs.channel_ids.
          const sql = await context.database({ migrate: true });
          const report = await reprocessWebhookLogs(sql, {
            route: await loadStoredItemRouting(sql),
            platform,
            since,
            onProgress: (n) => process.stderr.write(`\rread ${n} bodies`),
          });
          process.stdout.write(`\n${JSON.stringify(report)}\n`);
          if (report.pruned > 0) {
            const why =
              `${report.pruned} accepted webhook(s) in this range have no raw body any more: retention removed it ` +
              '(past WEBHOOK_LOG_RETENTION_DAYS, or `omni prune --older-than`), and reprocessing re-reads the exact ' +
              'bytes, so they cannot be reprocessed; their messages stay as first read';
            if (report.bodies === 0) throw new OmniError('OMNI_ERR_CLI_NOT_FOUND', `nothing to reprocess: ${why}`);
            process.stderr.write(`omni: ${why}\n`);
          }
        });
      }),
    );
}
