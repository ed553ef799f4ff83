import type { AgentRole } from './agents.js';
import type { ChannelScope } from './channel-scope.js';
import type { Sql } from './database.js';

/** An integration's bearer token, as the API sees it once authenticated. */
export interface ApiToken {
  id: number;
  name: string;
  /** An `admin` token sees and manages everything; an `agent` token acts only in its channels. */
  role: AgentRole;
}

/** Stores a new token under its hash, with its channels; fails if an unrevoked token already has this name. */
export async function insertApiToken(
  sql: Sql,
  token: { name: string; tokenHash: Buffer; role: AgentRole; channelIds: readonly number[] },
): Promise<ApiToken> {
  const [row] = await sql<{ id: string }[]>`
    with token as (
      insert into api_tokens (name, token_hash, role) values (${token.name}, ${token.tokenHash}, ${token.role})
      returning id
    ), members as (
      insert into api_token_channels (token_id, channel_id)
      select token.id, channel_id from token, unnest(${token.channelIds as number[]}::bigint[]) as channel_id
    )
    select id from token`;
  return { id: Number(row.id), name: token.name, role: token.role };
}

/** The unrevoked token with this hash and the channels it sees, or undefined. */
export async function findActiveApiToken(
  sql: Sql,
  tokenHash: Buffer,
): Promise<{ token: ApiToken; scope: ChannelScope } | undefined> {
  const [row] = await sql<{ id: string; name: string; role: AgentRole; channel_ids: string[] }[]>`
    select t.id, t.name, t.role,
      array(select m.channel_id from api_token_channels m where m.token_id = t.id order by m.channel_id) as channel_ids
    from api_tokens t where t.token_hash = ${tokenHash} and t.revoked_at is null`;
  if (!row) return undefined;
  return {
    token: { id: Number(row.id), name: row.name, role: row.role },
    scope: row.role === 'admin' ? 'all' : row.channel_ids.map(Number),
  };
}

/** Revokes the active token with this name; answers its id, or undefined when there was none. */
export async function revokeApiToken(sql: Sql, name: string): Promise<number | undefined> {
  const [row] = await sql<{ id: string }[]>`
    update api_tokens set revoked_at = now() where name = ${name} and revoked_at is null returning id`;
  return row && Number(row.id);
}

/** Revokes the active token with this id; answers its name, or undefined when there was none. */
export async function revokeApiTokenWithId(sql: Sql, id: number): Promise<string | undefined> {
  const [row] = await sql<{ name: string }[]>`
    update api_tokens set revoked_at = now() where id = ${id} and revoked_at is null returning name`;
  return row?.name;
}

/** An active token as admins list it: what it may do and since when, never its hash. */
export interface ListedApiToken extends ApiToken {
  /** The live channels an `agent` token acts in (none for an `admin` token, which sees every one). */
  channels: { id: number; platform: string; name: string }[];
  createdAt: Date;
}

/** The unrevoked tokens (or the one with `id`), oldest first, each with its live channels. */
export async function listApiTokens(sql: Sql, only: { id?: number } = {}): Promise<ListedApiToken[]> {
  const rows = await sql<
    { id: string; name: string; role: AgentRole; created_at: Date; channels: ListedApiToken['channels'] }[]
  >`
    select t.id, t.name, t.role, t.created_at,
      coalesce((
        select json_agg(json_build_object('id', c.id, 'platform', c.platform, 'name', c.name) order by c.id)
        from api_token_channels m join channels c on c.id = m.channel_id
        where m.token_id = t.id and c.removed_at is null
      ), '[]') as channels
    from api_tokens t where t.revoked_at is null ${only.id === undefined ? sql`` : sql`and t.id = ${only.id}`}
    order by t.id`;
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    role: r.role,
    channels: r.channels.map((c) => ({ ...c, id: Number(c.id) })),
    createdAt: r.created_at,
  }));
}
