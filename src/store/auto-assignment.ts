import type { Sql } from './database.js';

/** A conversation that may be handed out: open, unassigned, in a round-robin channel. */
export interface AssignableConversation {
  conversationId: number;
  channelId: number;
  /** The channel's cap on each member's open conversations; null: none. */
  cap: number | null;
}

/** A member of a channel with a live dashboard stream, as `pickAssignee` weighs them. */
export interface OnlineMember {
  agentId: number;
  openCount: number;
  lastAssignedAt: Date | null;
}

/**
 * Any class key would do: it only has to differ from the other advisory locks' and be the same in
 * every process. The channel's id is the second key.
 */
const ASSIGNMENT_LOCK_CLASS = 736_421_002;

/** Of these conversations, the ones round-robin hands out (open, unassigned, in a round-robin channel), by channel then id. */
export async function selectAssignable(
  sql: Sql,
  conversationIds: readonly number[],
): Promise<AssignableConversation[]> {
  if (conversationIds.length === 0) return [];
  const rows = await sql<{ id: string; channel_id: string; assignment_cap: number | null }[]>`
    select c.id, c.channel_id, ch.assignment_cap
    from conversations c join channels ch on ch.id = c.channel_id
    where c.id = any(${conversationIds.map(String)}::bigint[])
      and c.status = 'open' and c.assignee_agent_id is null
      and ch.assignment_mode = 'round_robin' and ch.removed_at is null
    order by c.channel_id, c.id`;
  return rows.map((r) => ({ conversationId: Number(r.id), channelId: Number(r.channel_id), cap: r.assignment_cap }));
}

/**
 * Takes the channel's assignment lock until the transaction ends: two processes handing out
 * conversations of one channel take turns, so the second counts what the first assigned and
 * neither passes a cap. Channels are locked in id order (`selectAssignable` sorts by channel), so
 * two batches spanning the same channels cannot deadlock.
 */
export async function lockChannelAssignment(sql: Sql, channelId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${ASSIGNMENT_LOCK_CLASS}::int, ${channelId}::int)`;
}

/**
 * The channel's members (enabled agents of any role, taken into the channel's `agent_channels`)
 * with an unexpired presence lease, with their open conversations in the channel. Read under the
 * channel's lock, it counts every assignment committed before.
 */
export async function selectOnlineMembers(sql: Sql, channelId: number): Promise<OnlineMember[]> {
  const rows = await sql<{ agent_id: string; last_assigned_at: Date | null; open_count: string }[]>`
    select m.agent_id, m.last_assigned_at,
           (select count(*) from conversations c
            where c.channel_id = m.channel_id and c.status = 'open' and c.assignee_agent_id = m.agent_id) as open_count
    from agent_channels m join agents a on a.id = m.agent_id and a.disabled_at is null
    where m.channel_id = ${channelId}
      and exists (select 1 from agent_presence p where p.agent_id = m.agent_id and p.expires_at > now())
    order by m.agent_id`;
  return rows.map((r) => ({
    agentId: Number(r.agent_id),
    openCount: Number(r.open_count),
    lastAssignedAt: r.last_assigned_at,
  }));
}

/**
 * Assigns the conversation to the member, if it is still open and unassigned (an agent may have
 * taken it since it was read), and notes when, for the next tie: the wall clock, not the
 * transaction's start, so several assignments of one transaction keep their order. Answers that
 * time, or undefined when the conversation was no longer there to take.
 */
export async function recordAutoAssignment(
  sql: Sql,
  assignment: { conversationId: number; channelId: number; agentId: number },
): Promise<Date | undefined> {
  const { conversationId, channelId, agentId } = assignment;
  const [row] = await sql<{ last_assigned_at: Date }[]>`
    with assigned as (
      update conversations set assignee_agent_id = ${agentId}, updated_at = now()
      where id = ${conversationId} and status = 'open' and assignee_agent_id is null
      returning id
    ), noted as (
      update agent_channels set last_assigned_at = clock_timestamp()
      where agent_id = ${agentId} and channel_id = ${channelId} and exists (select 1 from assigned)
      returning last_assigned_at
    )
    select coalesce((select last_assigned_at from noted), clock_timestamp()) as last_assigned_at from assigned`;
  return row?.last_assigned_at;
}
