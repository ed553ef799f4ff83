import type { Command } from 'commander';
import { PLATFORM_NAMES, type PlatformName } from '../../platforms/types.js';
import { createSql } from '../../store/database.js';
import { reprocessWebhookLogs } from '../../store/reprocess.js';
import { commandContext, runCommand } from '../context.js';

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
        const { config } = commandContext('omni');
        if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
        const sql = createSql(config.databaseUrl, { max: 2 });
        try {
          const report = await reprocessWebhookLogs(sql, {
            platform: options.platform as PlatformName | undefined,
            since,
            onProgress: (n) => process.stderr.write(`\rread ${n} bodies`),
          });
          process.stdout.write(`\n${JSON.stringify(report)}\n`);
          if (report.pruned > 0) {
            const why =
              `${report.pruned} accepted webhook(s) in this range have no raw body any more: retention removed it ` +
              '(past WEBHOOK_LOG_RETENTION_DAYS, or `omni prune --older-than`), and reprocessing re-reads the exact ' +
              'bytes, so they cannot be reprocessed; their messages stay as first read';
            if (report.bodies === 0) throw new Error(`nothing to reprocess: ${why}`);
            process.stderr.write(`omni: ${why}\n`);
          }
        } finally {
          await sql.end({ timeout: 5 });
        }
      }),
    );
}
