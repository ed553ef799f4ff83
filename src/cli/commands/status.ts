import type { Command } from 'commander';
import { readSystemStatus } from '../../status/system-status.js';
import { runCommand, withCommandContext } from '../context.js';
import { statusLines } from './status-lines.js';

/**
 * `omni status`: the summary of `GET /api/status`, read from the database and the queue. Exits 1
 * when something needs attention (status/attention.ts), so a cron job or a probe can alert on it.
 */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      "Omni's health: queue and DLQ, outbox, processing, channels, endpoints, media; exits 1 if something needs attention",
    )
    .option('--json', 'print the summary as JSON')
    .action((options: { json?: boolean }) =>
      runCommand(async () => {
        const status = await withCommandContext('omni', async (context) =>
          readSystemStatus(await context.database(), context.queueIfSet()),
        );
        const lines = options.json ? [JSON.stringify(status, null, 2)] : statusLines(status);
        process.stdout.write(`${lines.join('\n')}\n`);
        process.exitCode = status.attention.length > 0 ? 1 : 0;
      }),
    );
}
