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

/** Who an email given at login names: the key it is rate limited under, and the enabled agent, if any. */
export interface LoginCandidate {
  /**
   * The email as PostgreSQL's `lower()` makes it, the very comparison that finds the agent:
   * JavaScript lowercases some letters differently (`İ`), and two spellings that reach one account
   * must share one limit.
   */
  emailKey: string;
  found?: { agent: Agent; passwordHash: string };
}

/** The email's login candidate (any case), in one statement whether or not an enabled agent has it. */
export async function findLoginCandidate(sql: Sql, email: string): Promise<LoginCandidate> {
  const [row] = await sql<({ email_key: string } & (AgentRow | { id: null }))[]>`
    select k.email_key, a.id, a.email, a.name, a.role, a.password_hash
    from (select lower(${email}) as email_key) k
    left join agents a on lower(a.email) = k.email_key and a.disabled_at is null`;
  if (row.id === null) return { emailKey: row.email_key };
  return { emailKey: row.email_key, found: { agent: toAgent(row), passwordHash: row.password_hash } };
}

/** Whether an agent with this id exists. */
export async function agentExists(sql: Sql, agentId: number): Promise<boolean> {
  const rows = await sql`select 1 from agents where id = ${agentId}`;
  return rows.length > 0;
}

/** An agent as an admin manages it: with whether it is disabled. */
export interface ManagedAgent extends Agent {
  disabled: boolean;
}

interface ManagedAgentRow {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  disabled: boolean;
}

const toManagedAgent = (r: ManagedAgentRow): ManagedAgent => ({
  id: Number(r.id),
  email: r.email,
  name: r.name,
  role: r.role,
  disabled: r.disabled,
});

/** Every agent, enabled or not, by email; or only the one with `agentId`. */
export async function selectAgents(sql: Sql, agentId?: number): Promise<ManagedAgent[]> {
  const rows = await sql<ManagedAgentRow[]>`
    select id, email, name, role, disabled_at is not null as disabled from agents
    ${agentId === undefined ? sql`` : sql`where id = ${agentId}`}
    order by lower(email)`;
  return rows.map(toManagedAgent);
}

/** The agent with this id, locked until the transaction ends so two changes to it run one after the other. */
export async function lockAgent(sql: Sql, agentId: number): Promise<ManagedAgent | undefined> {
  const [row] = await sql<ManagedAgentRow[]>`
    select id, email, name, role, disabled_at is not null as disabled from agents where id = ${agentId} for update`;
  return row && toManagedAgent(row);
}

/** The id of the agent with this email (any case), enabled or not. */
export async function findAgentId(sql: Sql, email: string): Promise<number | undefined> {
  const [row] = await sql<{ id: string }[]>`select id from agents where lower(email) = lower(${email})`;
  return row && Number(row.id);
}

/** What may change of an agent; a field left out stays as it is. */
export interface AgentUpdate {
  name?: string;
  role?: AgentRole;
  passwordHash?: string;
  disabled?: boolean;
}

/** Writes the fields given (none: nothing is written). */
export async function updateAgent(sql: Sql, agentId: number, update: AgentUpdate): Promise<void> {
  const { name, role, passwordHash, disabled } = update;
  if (name === undefined && role === undefined && passwordHash === undefined && disabled === undefined) return;
  await sql`
    update agents set
      name = coalesce(${name ?? null}, name),
      role = coalesce(${role ?? null}, role),
      password_hash = coalesce(${passwordHash ?? null}, password_hash),
      disabled_at = case
        when ${disabled ?? null}::boolean is null then disabled_at
        when ${disabled ?? null}::boolean then coalesce(disabled_at, now())
        else null end
    where id = ${agentId}`;
}
