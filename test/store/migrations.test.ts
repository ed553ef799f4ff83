import { readdirSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { runner } from 'node-pg-migrate';
import t from 'tap';
import { MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { createTestDatabase } from '../helpers/database.js';
import { waitFor } from '../helpers/wait-for.js';

const RETENTION = '1764231700000_retention';
const ERASURE = '1764231800000_contact-erasure';
const MIGRATION_NAMES = readdirSync(MIGRATIONS_DIR)
  .map((file) => basename(file, extname(file)))
  .sort();
const RETENTION_INDEXES = [
  'webhook_logs_unverified',
  'webhook_logs_raw_body_kept',
  'attachments_storage_key',
  'uploads_storage_key',
  'uploads_created_at',
  'messages_reply_upload_id',
  'messages_reply_upload_key',
];

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

t.test(
  'the retention migration run again after a cancelled index build rebuilds the index it left invalid',
  async (t) => {
    const { sql, url } = await createTestDatabase(t, { migrated: false });
    const options = { databaseUrl: url, dir: MIGRATIONS_DIR, migrationsTable: 'pgmigrations', log: () => {} };
    await runner({ ...options, direction: 'up', count: MIGRATION_NAMES.indexOf(RETENTION) + 1 });
    // What a build cancelled half way (statement_timeout, a cancel, a full disk) leaves behind, in a
    // run that therefore never recorded the migration.
    await sql`update pg_index set indisvalid = false where indexrelid = any(${RETENTION_INDEXES}::regclass[])`;
    await sql`delete from pgmigrations where name = ${RETENTION}`;
    await runner({ ...options, direction: 'up' });
    t.same(
      await sql`
      select c.relname as name, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
      where c.relname = any(${RETENTION_INDEXES}) order by c.relname`,
      [...RETENTION_INDEXES].sort().map((name) => ({ name, valid: true })),
    );
  },
);

t.test(
  'the erasure migration holds no lock on the tables webhooks write while it waits for a transaction on attachments',
  async (t) => {
    const { sql, url } = await createTestDatabase(t);
    const options = { databaseUrl: url, dir: MIGRATIONS_DIR, migrationsTable: 'pgmigrations', log: () => {} };
    const sinceErasure = MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf(ERASURE));
    t.same(
      (await runner({ ...options, direction: 'down', count: sinceErasure.length })).map((m) => m.name),
      [...sinceErasure].reverse(),
    );
    // A long read of attachments (a prune round, a dashboard query) is open while the migration starts.
    const reader = await sql.reserve();
    await reader`begin`;
    await reader`select count(*) from attachments`;
    const migrated = runner({ ...options, direction: 'up' });
    const pid = await waitFor('the migration waiting for attachments', async () => {
      const [lock] = await sql<{ pid: number }[]>`
        select pid from pg_locks where relation = 'attachments'::regclass and not granted`;
      return lock?.pid;
    });
    const held = await sql<{ relname: string }[]>`
      select c.relname from pg_locks l join pg_class c on c.oid = l.relation
      where l.pid = ${pid} and l.granted and l.mode = 'AccessExclusiveLock' and c.relkind = 'r'
      order by c.relname`;
    t.same(held, [], 'contacts, conversations, messages and webhook_logs stay writable meanwhile');
    await reader`rollback`;
    reader.release();
    t.match(await migrated, [
      { name: '1764231800000_contact-erasure' },
      { name: '1764231900000_channels' },
      { name: '1764232000000_profile-requests' },
      { name: '1764232100000_webhook-log-channels' },
    ]);
    t.same(
      await sql`select convalidated from pg_constraint where conname = 'attachments_state_check'`,
      [{ convalidated: true }],
      'and the new state check is validated',
    );
  },
);
