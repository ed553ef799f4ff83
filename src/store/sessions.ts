import type { Agent, AgentRole } from './agents.js';
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

/** The agent of an unexpired session, or undefined. */
export async function findSessionAgent(sql: Sql, tokenHash: Buffer): Promise<Agent | undefined> {
  const [row] = await sql<{ id: string; email: string; name: string; role: AgentRole }[]>`
    select a.id, a.email, a.name, a.role
    from sessions s join agents a on a.id = s.agent_id
    where s.token_hash = ${tokenHash} and s.expires_at > now()`;
  return row && { id: Number(row.id), email: row.email, name: row.name, role: row.role };
}

/** Ends a session (logout), and sweeps sessions that have expired meanwhile. */
export async function deleteSession(sql: Sql, tokenHash: Buffer): Promise<void> {
  await sql`delete from sessions where token_hash = ${tokenHash} or expires_at < now()`;
}
