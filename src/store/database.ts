import postgres from 'postgres';

/**
 * What a query runs on: the pool or an open transaction. Store functions take this, so the same
 * function runs alone or inside `inTransaction` without a cast.
 */
export type Sql = postgres.ISql;

/** The connection pool: what opens transactions, listens for NOTIFY and closes. */
export type SqlPool = postgres.Sql;

/** An open transaction: what a write that must run under a savepoint (`underSavepoint`) takes. */
export type Transaction = postgres.TransactionSql;

let poolsOpened = 0;

/**
 * The one shared connection pool. Prepared statements stay on: every query is a fixed template.
 * Its connections carry an application_name of their own (`omni-<pid>-<n>`), so `pg_stat_activity`
 * tells this pool's connections from every other process's: `selectPoolUse` counts them that way.
 */
export function createSql(databaseUrl: string, options: { max?: number } = {}): SqlPool {
  poolsOpened += 1;
  return postgres(databaseUrl, {
    connection: { application_name: `omni-${process.pid}-${poolsOpened}` },
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    idle_timeout: 30,
  });
}

/**
 * Runs `fn` in one transaction on `pool` (in `mode`, such as an isolation level, when given): committed when it resolves, rolled back when it throws.
 * Answers what `fn` answered (boxed, because postgres.js would otherwise await an array of
 * pending queries `fn` returned, and types the result for that case).
 */
export async function inTransaction<T>(pool: SqlPool, fn: (sql: Transaction) => Promise<T>, mode?: string): Promise<T> {
  const boxed = async (sql: Transaction) => ({ result: await fn(sql) });
  const { result } = await (mode ? pool.begin(mode, boxed) : pool.begin(boxed));
  return result;
}

/**
 * Runs `fn` under a savepoint of `tx`: when it throws (a unique index refused a write, say), only
 * its work is rolled back and the transaction goes on, so the caller can still query in it.
 */
export async function underSavepoint<T>(tx: Transaction, fn: (sql: Transaction) => Promise<T>): Promise<T> {
  const { result } = await tx.savepoint(async (sql) => ({ result: await fn(sql) }));
  return result;
}

/** PostgreSQL's deadlock_detected and serialization_failure: the transaction was rolled back whole. */
const CONFLICT_CODES = new Set(['40P01', '40001']);

/**
 * `inTransaction`, run again (up to `attempts` times in all) when PostgreSQL rolled it back as the
 * victim of a deadlock or a serialization conflict with a concurrent transaction. Nothing of the
 * rolled-back attempt remains, so `fn` must only be safe to run twice in the way any transaction is.
 */
export async function inRetriedTransaction<T>(pool: SqlPool, fn: (sql: Sql) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, fn);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !CONFLICT_CODES.has(code)) throw error;
    }
  }
}
