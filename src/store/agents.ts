import type { Sql } from './database.js';

export type AgentRole = 'agent' | 'admin';

/** A person who uses the dashboard. */
export interface Agent {
  id: number;
  email: string;
  name: string;
  role: AgentRole;
}

export interface NewAgent {
  email: string;
  name: string;
  role: AgentRole;
  passwordHash: string;
}

interface AgentRow {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  password_hash: string;
}

const toAgent = (r: AgentRow): Agent => ({ id: Number(r.id), email: r.email, name: r.name, role: r.role });

/** Adds an agent; emails are unique whatever their case. */
export async function insertAgent(sql: Sql, agent: NewAgent): Promise<Agent> {
  const [row] = await sql<AgentRow[]>`
    insert into agents (email, name, role, password_hash)
    values (${agent.email}, ${agent.name}, ${agent.role}, ${agent.passwordHash})
    returning id, email, name, role, password_hash`;
  return toAgent(row);
}

/** The enabled agent with this email (any case) and its password hash, for logging in. */
export async function findAgentByEmail(
  sql: Sql,
  email: string,
): Promise<{ agent: Agent; passwordHash: string } | undefined> {
  const [row] = await sql<AgentRow[]>`
    select id, email, name, role, password_hash from agents
    where lower(email) = lower(${email}) and disabled_at is null`;
  return row && { agent: toAgent(row), passwordHash: row.password_hash };
}

/** Whether an agent with this id exists. */
export async function agentExists(sql: Sql, agentId: number): Promise<boolean> {
  const rows = await sql`select 1 from agents where id = ${agentId}`;
  return rows.length > 0;
}
