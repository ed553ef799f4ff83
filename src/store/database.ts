import postgres from 'postgres';

/**
 * What a query runs on: the pool or an open transaction. Store functions take this, so the same
 * function runs alone or inside `inTransaction` without a cast.
 */
export type Sql = postgres.ISql;

/** The connection pool: what opens transactions, listens for NOTIFY and closes. */
export type SqlPool = postgres.Sql;

/** The one shared connection pool. Prepared statements stay on: every query is a fixed template. */
export function createSql(databaseUrl: string, options: { max?: number } = {}): SqlPool {
  return postgres(databaseUrl, {
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
export async function inTransaction<T>(pool: SqlPool, fn: (sql: Sql) => Promise<T>, mode?: string): Promise<T> {
  const boxed = async (sql: Sql) => ({ result: await fn(sql) });
  const { result } = await (mode ? pool.begin(mode, boxed) : pool.begin(boxed));
  return result;
}
