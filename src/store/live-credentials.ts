import type { Sql } from './database.js';

/** Sessions (by their token's hash, hex) and API tokens (by id), as an event stream holds them. */
export interface Credentials {
  sessionHashes: readonly string[];
  tokenIds: readonly number[];
}

/**
 * Of these credentials, the ones still valid: sessions unexpired whose agent is enabled, tokens
 * unrevoked. An event stream on any other has outlived its credential.
 */
export async function selectLiveCredentials(
  sql: Sql,
  credentials: Credentials,
): Promise<{ sessionHashes: Set<string>; tokenIds: Set<number> }> {
  const sessions =
    credentials.sessionHashes.length === 0
      ? []
      : await sql<{ hash: string }[]>`
          select encode(s.token_hash, 'hex') as hash
          from sessions s join agents a on a.id = s.agent_id
          where s.token_hash in (select decode(h, 'hex') from unnest(${credentials.sessionHashes as string[]}::text[]) h)
            and s.expires_at > now() and a.disabled_at is null`;
  const tokens =
    credentials.tokenIds.length === 0
      ? []
      : await sql<{ id: string }[]>`
          select id from api_tokens
          where id = any(${credentials.tokenIds as number[]}::bigint[]) and revoked_at is null`;
  return {
    sessionHashes: new Set(sessions.map((row) => row.hash)),
    tokenIds: new Set(tokens.map((row) => Number(row.id))),
  };
}
