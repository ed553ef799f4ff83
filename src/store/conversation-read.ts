import { channelCondition, type ChannelScope } from './channel-scope.js';
import type { Sql } from './database.js';

/** Whether a conversation with this id exists in a channel of `scope`. */
export async function conversationExists(sql: Sql, conversationId: number, scope: ChannelScope): Promise<boolean> {
  const rows = await sql`
    select 1 from conversations c where c.id = ${conversationId} and ${channelCondition(sql, 'c.channel_id', scope)}`;
  return rows.length > 0;
}

/**
 * Marks a conversation read up to `messageId` (one of its own messages), or up to its last message
 * when none is given. Answers the message now marked read, or undefined for an unknown conversation
 * or one outside `scope`.
 * A message id from another conversation is ignored in favour of the last message.
 */
export async function markConversationRead(
  sql: Sql,
  conversationId: number,
  scope: ChannelScope,
  messageId?: number,
): Promise<{ lastReadMessageId: number | null } | undefined> {
  const [row] = await sql<{ last_read_message_id: string | null }[]>`
    update conversations c
    set last_read_message_id = coalesce(
      (select m.id from messages m where m.id = ${messageId ?? null}::bigint and m.conversation_id = c.id and m.kind = 'message'),
      c.last_message_id)
    where c.id = ${conversationId} and ${channelCondition(sql, 'c.channel_id', scope)}
    returning c.last_read_message_id`;
  return row && { lastReadMessageId: row.last_read_message_id === null ? null : Number(row.last_read_message_id) };
}
