import { runner } from 'node-pg-migrate';
import t from 'tap';
import { MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { createTestDatabase } from '../helpers/database.js';

t.test('every migration rolls back, and the schema applies again after', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const options = { databaseUrl: url, dir: MIGRATIONS_DIR, migrationsTable: 'pgmigrations', log: () => {} };
  const applied = (await sql<{ name: string }[]>`select name from pgmigrations order by run_on, id`).map((r) => r.name);
  const undone = await runner({ ...options, direction: 'down', count: Infinity });
  t.same(
    undone.map((m) => m.name),
    [...applied].reverse(),
  );
  t.same(await sql`select tablename from pg_tables where schemaname = 'public' and tablename <> 'pgmigrations'`, []);
  const redone = await runner({ ...options, direction: 'up' });
  t.same(
    redone.map((m) => m.name),
    applied,
  );
});
