import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { Test } from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { createSql, type SqlPool } from '../../src/store/database.js';
import { migrateUp } from '../../src/store/migrate.js';
import { waitFor } from './wait-for.js';

export interface TestDatabase {
  sql: SqlPool;
  url: string;
}

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with `npm test`');
  return url;
}

/**
 * Waits (up to 10 s) until no session is connected to `name`. node-pg-migrate's runner resolves
 * before its connection has closed (it does not await `client.end()`), and a forced drop would kill
 * that connection into an uncaught error in a test that has already passed. What still lingers after
 * the wait is a leak, which the forced drop then ends.
 */
async function untilSessionsLeave(admin: postgres.Sql, name: string): Promise<void> {
  const left = async () => {
    const [row] = await admin<{ sessions: number }[]>`
      select count(*)::int as sessions from pg_stat_activity where datname = ${name}`;
    return row?.sessions === 0;
  };
  await waitFor(`the sessions on ${name} to leave`, left, 10_000).catch(() => undefined);
}

/**
 * A fresh database for one test file on the server at DATABASE_URL, dropped at teardown; migrated
 * unless `migrated: false` (for tests of what a process finds on a brand-new database).
 */
export async function createTestDatabase(t: Test, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  const name = `omni_test_${randomBytes(6).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  if (options.migrated !== false)
    await migrateUp(url.toString(), { lockTimeoutMs: loadConfig({}).migrationLockTimeoutMs });
  const sql = createSql(url.toString(), { max: 5 });
  t.teardown(async () => {
    await sql.end({ timeout: 5 });
    await untilSessionsLeave(admin, name);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  });
  return { sql, url: url.toString() };
}
