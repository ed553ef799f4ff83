import { join } from 'node:path';
import { loadConfigWithAwsSecrets, type SecretReader } from '../config/aws-secrets.js';
import { OmniError } from '../errors.js';
import { createLogger } from '../logger.js';
import { migrateUp } from '../store/migrate.js';

/** Where the packaged function keeps `migrations/`: beside the bundle, at the task root. */
export function packagedMigrationsDir(env: Record<string, string | undefined> = process.env): string {
  return join(env.LAMBDA_TASK_ROOT ?? process.cwd(), 'migrations');
}

/**
 * The one-off migration function (`serverless invoke -f migrate`): the cluster sits in private
 * subnets, so migrations run from inside the VPC. Applying them twice changes nothing.
 */
export function createMigrateHandler(
  options: { env?: Record<string, string | undefined>; readSecret?: SecretReader } = {},
) {
  const env = options.env ?? process.env;
  return async (): Promise<{ applied: string[] }> => {
    const config = await loadConfigWithAwsSecrets(env, options.readSecret);
    if (!config.databaseUrl)
      throw new OmniError('OMNI_ERR_CONFIG_INVALID', 'DATABASE_URL or AURORA_SECRET_ARN is required to migrate');
    const logger = createLogger(config.logLevel, 'omni-migrate');
    const applied = await migrateUp(config.databaseUrl, {
      lockTimeoutMs: config.migrationLockTimeoutMs,
      logger,
      dir: packagedMigrationsDir(env),
    });
    logger.info({ applied }, applied.length ? 'migrate: applied' : 'migrate: database is up to date');
    return { applied };
  };
}
