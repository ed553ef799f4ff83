import type { ConversationStatus } from './conversation-summary.js';
import type { Sql } from './database.js';

/** Assigns a conversation to an agent, or unassigns it with null; false for an unknown conversation. */
export async function assignConversation(sql: Sql, conversationId: number, agentId: number | null): Promise<boolean> {
  const rows = await sql`
    update conversations set assignee_agent_id = ${agentId}, updated_at = now() where id = ${conversationId} returning id`;
  return rows.length > 0;
}

/** Closes or reopens a conversation; false for an unknown conversation. */
export async function setConversationStatus(
  sql: Sql,
  conversationId: number,
  status: ConversationStatus,
): Promise<boolean> {
  const rows = await sql`
    update conversations set status = ${status}, updated_at = now() where id = ${conversationId} returning id`;
  return rows.length > 0;
}
