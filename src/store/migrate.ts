import { readdir } from 'node:fs/promises';
import { setTimeout } from 'node:timers/promises';
import { basename, extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PG_MIGRATE_LOCK_ID, runner, type RunnerOption } from 'node-pg-migrate';
import type { Logger } from 'pino';
import { OmniError } from '../errors.js';
import { createSql, type Sql, type SqlPool } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** How `migrateUp` runs beside other processes starting at the same moment. */
export interface MigrateOptions {
  /** MIGRATION_LOCK_TIMEOUT_MS: how long to wait for another process's migrations before failing. */
  lockTimeoutMs: number;
  logger?: Logger;
  /** The migrations folder; default `migrations/` (the Lambda bundle keeps its own copy). */
  dir?: string;
}

/**
 * Loads each migration with Node's own `import()` rather than node-pg-migrate's default (jiti):
 * the same code then works from `dist/` and from the Lambda bundle, where webpack must leave the
 * import alone (`webpackIgnore`) because the files sit beside the bundle, not inside it.
 */
type MigrationLoader = Exclude<NonNullable<RunnerOption['migrationLoaderStrategies']>[number]['loader'], string>;

const importMigrations: MigrationLoader = async (filePaths) => {
  const units = [];
  for (const filePath of filePaths) {
    const actions = await import(/* webpackIgnore: true */ pathToFileURL(filePath).href);
    units.push({ id: filePath, filePaths: [filePath], actions });
  }
  return units;
};

const UNDEFINED_TABLE = '42P01';

/**
 * The migrations in `dir` not yet recorded, in one query. Names and files as node-pg-migrate reads
 * them: every file not starting with a dot, named without its extension (`.js`, or `.mjs` in Lambda).
 */
async function pendingMigrations(sql: Sql, dir: string): Promise<string[]> {
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && !entry.name.startsWith('.'))
    .map((entry) => basename(entry.name, extname(entry.name)));
  const applied = await sql<{ name: string }[]>`select name from public.pgmigrations`.catch((error: unknown) => {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return [];
    throw error;
  });
  const done = new Set(applied.map((row) => row.name));
  return files.filter((name) => !done.has(name));
}

/**
 * Runs node-pg-migrate, which takes its advisory lock on the connection that migrates (so the lock
 * lasts exactly as long as that session). Resolves `undefined` when another process holds the lock.
 */
async function applyUnlessLocked(databaseUrl: string, dir: string, logger?: Logger): Promise<string[] | undefined> {
  try {
    const applied = await runner({
      databaseUrl,
      dir,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      checkOrder: true,
      advisoryLockMode: 'fail',
      migrationLoaderStrategies: [{ extensions: ['.js', '.mjs'], loader: importMigrations }],
      log: (message) => logger?.debug({ migration: message }, 'migrate'),
    });
    return applied.map((m) => m.name);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Another migration is already running')) return undefined;
    throw error;
  }
}

/** How often a waiting process asks whether the migration lock is free again. */
const LOCK_POLL_MS = 200;

/**
 * Returns once the process holding the migration lock lets it go, or fails once `timeoutMs` has
 * passed. It asks with `pg_try_advisory_lock` between pauses rather than blocking in a lock wait:
 * a blocked statement holds a snapshot, and a migration that builds an index `concurrently` waits
 * for every older snapshot to end, so the two would deadlock.
 */
async function waitForMigrationLock(sql: SqlPool, timeoutMs: number, configuredMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const session = await sql.reserve();
  try {
    for (;;) {
      const [row] = await session<
        { free: boolean }[]
      >`select pg_try_advisory_lock(${PG_MIGRATE_LOCK_ID}::bigint) as free`;
      if (row?.free) {
        await session`select pg_advisory_unlock(${PG_MIGRATE_LOCK_ID}::bigint)`;
        return;
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new OmniError(
          'OMNI_ERR_STORE_MIGRATION_LOCK_TIMEOUT',
          `another process kept the migration lock (PostgreSQL advisory lock ${PG_MIGRATE_LOCK_ID}) for more than ` +
            `MIGRATION_LOCK_TIMEOUT_MS=${configuredMs} ms; raise MIGRATION_LOCK_TIMEOUT_MS, or find the session ` +
            `holding it: select pid from pg_locks where locktype = 'advisory'`,
        );
      await setTimeout(Math.min(LOCK_POLL_MS, left));
    }
  } finally {
    session.release();
  }
}

/**
 * Applies every pending migration in `options.dir` (default `migrations/`). Any number of processes
 * may call it at once: a migrated database costs one query and no lock; otherwise one process
 * applies the migrations while the others wait for it (up to `lockTimeoutMs`), look again and find
 * nothing left to do. Resolves with the names this call applied.
 */
export async function migrateUp(databaseUrl: string, options: MigrateOptions): Promise<string[]> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  const deadline = Date.now() + options.lockTimeoutMs;
  const sql = createSql(databaseUrl, { max: 1 });
  try {
    while ((await pendingMigrations(sql, dir)).length > 0) {
      const applied = await applyUnlessLocked(databaseUrl, dir, options.logger);
      if (applied) return applied;
      options.logger?.info('another process is applying the migrations: waiting for it');
      await waitForMigrationLock(sql, deadline - Date.now(), options.lockTimeoutMs);
    }
    return [];
  } finally {
    await sql.end({ timeout: 5 });
  }
}
