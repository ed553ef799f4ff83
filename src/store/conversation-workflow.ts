import { channelCondition, type ChannelScope } from './channel-scope.js';
import type { ConversationStatus } from './conversation-summary.js';
import type { Sql } from './database.js';

/**
 * Assigns a conversation to an agent, or unassigns it with null; false for an unknown conversation
 * or one outside `scope` (the caller's).
 */
export async function assignConversation(
  sql: Sql,
  conversationId: number,
  agentId: number | null,
  scope: ChannelScope,
): Promise<boolean> {
  const rows = await sql`
    update conversations c set assignee_agent_id = ${agentId}, updated_at = now()
    where c.id = ${conversationId} and ${channelCondition(sql, 'c.channel_id', scope)} returning c.id`;
  return rows.length > 0;
}

/** Closes or reopens a conversation; false for an unknown conversation or one outside `scope`. */
export async function setConversationStatus(
  sql: Sql,
  conversationId: number,
  status: ConversationStatus,
  scope: ChannelScope,
): Promise<boolean> {
  const rows = await sql`
    update conversations c set status = ${status}, updated_at = now()
    where c.id = ${conversationId} and ${channelCondition(sql, 'c.channel_id', scope)} returning c.id`;
  return rows.length > 0;
}

/**
 * Whether an agent may hold a conversation of this channel: `unknown` when no agent has the id,
 * `outsider` when it would not see the conversation (an agent not a member of the channel; only
 * admins hold unrouted ones), `member` otherwise.
 */
export async function assigneeStanding(
  sql: Sql,
  agentId: number,
  channelId: number | null,
): Promise<'unknown' | 'outsider' | 'member'> {
  const [row] = await sql<{ member: boolean }[]>`
    select a.role = 'admin' or exists (
             select 1 from agent_channels ac where ac.agent_id = a.id and ac.channel_id = ${channelId}::bigint
           ) as member
    from agents a where a.id = ${agentId}`;
  if (!row) return 'unknown';
  return row.member ? 'member' : 'outsider';
}
