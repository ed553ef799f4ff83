import type { Command } from 'commander';
import { migrateUp } from '../../store/migrate.js';
import { runCommand, withCommandContext } from '../context.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations to DATABASE_URL')
    .action(() =>
      runCommand(async () => {
        await withCommandContext('omni', async (context) => {
          const applied = await migrateUp(context.databaseUrl(), {
            lockTimeoutMs: context.config.migrationLockTimeoutMs,
            logger: context.logger,
          });
          process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
        });
      }),
    );
}
