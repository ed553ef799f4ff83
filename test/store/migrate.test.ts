import { readdirSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { PG_MIGRATE_LOCK_ID, runner } from 'node-pg-migrate';
import t, { type Test } from 'tap';
import type { Sql, SqlPool } from '../../src/store/database.js';
import { MIGRATIONS_DIR, migrateUp } from '../../src/store/migrate.js';
import { createTestDatabase } from '../helpers/database.js';
import { pino } from 'pino';

const ALL = readdirSync(MIGRATIONS_DIR)
  .map((file) => basename(file, extname(file)))
  .sort();

/** Holds node-pg-migrate's advisory lock from another session, as a process busy migrating does. */
async function holdMigrationLock(t: Test, sql: SqlPool): Promise<{ release(): Promise<void> }> {
  const session = await sql.reserve();
  await session`select pg_advisory_lock(${PG_MIGRATE_LOCK_ID}::bigint)`;
  let held = true;
  const release = async () => {
    if (!held) return;
    held = false;
    await session`select pg_advisory_unlock(${PG_MIGRATE_LOCK_ID}::bigint)`;
    session.release();
  };
  t.teardown(release);
  return { release };
}

async function timesApplied(sql: Sql) {
  return sql<{ name: string; times: number }[]>`
    select name, count(*)::int as times from pgmigrations group by name order by name`;
}

t.test('two migrateUp started together on a fresh database both resolve, and each migration runs once', async (t) => {
  const { sql, url } = await createTestDatabase(t, { migrated: false });
  const results = await Promise.all([
    migrateUp(url, { lockTimeoutMs: 60_000 }),
    migrateUp(url, { lockTimeoutMs: 60_000 }),
  ]);
  t.same(results.flat().sort(), ALL, 'between them they applied every migration, none twice');
  t.same(
    await timesApplied(sql),
    ALL.map((name) => ({ name, times: 1 })),
  );
});

t.test('on a migrated database migrateUp resolves without waiting for the migration lock', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  await holdMigrationLock(t, sql);
  t.same(await migrateUp(url, { lockTimeoutMs: 60_000 }), [], 'nothing pending: the held lock is never asked for');
});

t.test('a process that finds the migrations under way waits, then finds them applied by the other', async (t) => {
  const { sql, url } = await createTestDatabase(t, { migrated: false });
  const other = await holdMigrationLock(t, sql);
  let sawWaiting!: () => void;
  const waitingLogged = new Promise<void>((resolve) => {
    sawWaiting = resolve;
  });
  const logger = pino({ level: 'info' }, { write: (line: string) => line.includes('waiting for it') && sawWaiting() });
  const waiting = migrateUp(url, { lockTimeoutMs: 60_000, logger });
  await waitingLogged;
  // The holder migrates, as node-pg-migrate does once it has its lock, then lets go.
  await runner({
    databaseUrl: url,
    dir: MIGRATIONS_DIR,
    migrationsTable: 'pgmigrations',
    direction: 'up',
    noLock: true,
    log: () => {},
  });
  await other.release();
  t.same(await waiting, [], 'nothing was left for the waiting process');
  t.same(
    await timesApplied(sql),
    ALL.map((name) => ({ name, times: 1 })),
  );
});

t.test(
  'a process that never gets the lock fails naming MIGRATION_LOCK_TIMEOUT_MS, having applied nothing',
  async (t) => {
    const { sql, url } = await createTestDatabase(t, { migrated: false });
    await holdMigrationLock(t, sql);
    await t.rejects(migrateUp(url, { lockTimeoutMs: 200 }), {
      code: 'OMNI_ERR_STORE_MIGRATION_LOCK_TIMEOUT',
      message: /MIGRATION_LOCK_TIMEOUT_MS=200 ms/,
    });
    t.same(await sql`select to_regclass('public.pgmigrations') as migrations`, [{ migrations: null }]);
  },
);
