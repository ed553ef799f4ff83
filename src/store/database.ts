import postgres from 'postgres';

export type Sql = postgres.Sql;

/** The one shared connection pool. Prepared statements stay on: every query is a fixed template. */
export function createSql(databaseUrl: string, options: { max?: number } = {}): Sql {
  return postgres(databaseUrl, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    idle_timeout: 30,
  });
}
