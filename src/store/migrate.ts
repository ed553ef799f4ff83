import { fileURLToPath, pathToFileURL } from 'node:url';
import { runner, type RunnerOption } from 'node-pg-migrate';
import type { Logger } from 'pino';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

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

/** Applies every pending migration in `dir` (default `migrations/`); safe to run concurrently (advisory lock). */
export async function migrateUp(databaseUrl: string, logger?: Logger, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    migrationLoaderStrategies: [{ extensions: ['.js', '.mjs'], loader: importMigrations }],
    log: (message) => logger?.debug({ migration: message }, 'migrate'),
  });
  return applied.map((m) => m.name);
}
