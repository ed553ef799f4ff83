import postgres from 'postgres';

export type Sql = postgres.Sql;

/** The pool or a transaction: what a query function takes when it may run inside either. */
export type Queries = postgres.ISql;

/** The one shared connection pool. Prepared statements stay on: every query is a fixed template. */
export function createSql(databaseUrl: string, options: { max?: number } = {}): Sql {
  return postgres(databaseUrl, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    idle_timeout: 30,
  });
}
