import type { Command } from 'commander';
import { migrateUp } from '../../store/migrate.js';
import { commandContextWithAwsSecrets, runCommand } from '../context.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations to DATABASE_URL')
    .action(() =>
      runCommand(async () => {
        const { config, logger } = await commandContextWithAwsSecrets('omni');
        if (!config.databaseUrl)
          throw new Error(
            'DATABASE_URL or AURORA_SECRET_ARN is required (the embedded database migrates itself on `omni serve`)',
          );
        const applied = await migrateUp(config.databaseUrl, { lockTimeoutMs: config.migrationLockTimeoutMs, logger });
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      }),
    );
}
