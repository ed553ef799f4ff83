import type { OmniConfig } from '../../config/load-config.js';
import type { Sql } from '../../store/database.js';
import { createSql } from '../../store/database.js';
import { migrateUp } from '../../store/migrate.js';
import { commandContextWithAwsSecrets } from '../context.js';

/** Runs `body` on a migrated DATABASE_URL (or the Aurora secret), closing the pool after. */
export async function withDatabase<T>(body: (sql: Sql, config: OmniConfig) => Promise<T>): Promise<T> {
  const { config, logger } = await commandContextWithAwsSecrets('omni');
  if (!config.databaseUrl) throw new Error('DATABASE_URL or AURORA_SECRET_ARN is required');
  await migrateUp(config.databaseUrl, { lockTimeoutMs: config.migrationLockTimeoutMs, logger });
  const sql = createSql(config.databaseUrl, { max: 1 });
  try {
    return await body(sql, config);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
