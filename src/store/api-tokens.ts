import type { Sql } from './database.js';

/** An integration's bearer token, as the API sees it once authenticated. */
export interface ApiToken {
  id: number;
  name: string;
}

/** Stores a new token under its hash; fails if an unrevoked token already has this name. */
export async function insertApiToken(sql: Sql, token: { name: string; tokenHash: Buffer }): Promise<ApiToken> {
  const [row] = await sql<{ id: string }[]>`
    insert into api_tokens (name, token_hash) values (${token.name}, ${token.tokenHash}) returning id`;
  return { id: Number(row.id), name: token.name };
}

/** The unrevoked token with this hash, or undefined. */
export async function findActiveApiToken(sql: Sql, tokenHash: Buffer): Promise<ApiToken | undefined> {
  const [row] = await sql<{ id: string; name: string }[]>`
    select id, name from api_tokens where token_hash = ${tokenHash} and revoked_at is null`;
  return row && { id: Number(row.id), name: row.name };
}

/** Revokes the active token with this name; answers whether there was one. */
export async function revokeApiToken(sql: Sql, name: string): Promise<boolean> {
  const rows =
    await sql`update api_tokens set revoked_at = now() where name = ${name} and revoked_at is null returning id`;
  return rows.length > 0;
}
