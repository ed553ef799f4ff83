import type { SqlPool } from './database.js';

/** A pool's connections as the server sees them, by `pg_stat_activity` state, and the pool's size. */
export interface PoolUse {
  active: number;
  idle: number;
  idleInTransaction: number;
  max: number;
}

/**
 * Counts the connections of `sql` by state. postgres.js keeps its queues of open and busy
 * connections private, so the server is asked instead, by the application_name `createSql` gives
 * each pool; the asking connection counts as active.
 */
export async function selectPoolUse(sql: SqlPool): Promise<PoolUse> {
  const name = sql.options.connection.application_name ?? '';
  const rows = await sql<{ state: string | null; count: number }[]>`
    select state, count(*)::int as count from pg_stat_activity where application_name = ${name} group by state`;
  const count = (state: string) => rows.find((row) => row.state === state)?.count ?? 0;
  return {
    active: count('active'),
    idle: count('idle'),
    idleInTransaction: count('idle in transaction') + count('idle in transaction (aborted)'),
    max: sql.options.max,
  };
}
