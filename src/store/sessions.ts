import type { Agent, AgentRole } from './agents.js';
import type { ChannelScope } from './channel-scope.js';
import type { Sql } from './database.js';

/** Stores a session under its token's hash, valid until `expiresAt`. */
export async function insertSession(
  sql: Sql,
  session: { agentId: number; tokenHash: Buffer; expiresAt: Date },
): Promise<void> {
  await sql`
    insert into sessions (agent_id, token_hash, expires_at)
    values (${session.agentId}, ${session.tokenHash}, ${session.expiresAt})`;
}

/**
 * The enabled agent of an unexpired session, the channels it sees and when the session ends (an
 * event stream closes then), or undefined.
 */
export async function findSessionAgent(
  sql: Sql,
  tokenHash: Buffer,
): Promise<{ agent: Agent; scope: ChannelScope; expiresAt: Date } | undefined> {
  const [row] = await sql<
    { id: string; email: string; name: string; role: AgentRole; channel_ids: string[]; expires_at: Date }[]
  >`
    select a.id, a.email, a.name, a.role, s.expires_at,
      array(select m.channel_id from agent_channels m where m.agent_id = a.id order by m.channel_id) as channel_ids
    from sessions s join agents a on a.id = s.agent_id
    where s.token_hash = ${tokenHash} and s.expires_at > now() and a.disabled_at is null`;
  if (!row) return undefined;
  return {
    agent: { id: Number(row.id), email: row.email, name: row.name, role: row.role },
    scope: row.role === 'admin' ? 'all' : row.channel_ids.map(Number),
    expiresAt: row.expires_at,
  };
}

/** Ends a session (logout), and sweeps sessions that have expired meanwhile. */
export async function deleteSession(sql: Sql, tokenHash: Buffer): Promise<void> {
  await sql`delete from sessions where token_hash = ${tokenHash} or expires_at < now()`;
}

/** Ends every session of an agent (disabled, or its password reset). */
export async function deleteAgentSessions(sql: Sql, agentId: number): Promise<void> {
  await sql`delete from sessions where agent_id = ${agentId}`;
}
