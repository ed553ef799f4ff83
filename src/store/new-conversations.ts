import type { Sql } from './database.js';

/**
 * Of these conversations, those whose every message is among `messageIds`: their first message is
 * being filed now, so they enter the conversation list with this transaction. Read after filing,
 * inside its transaction; an item filed later for the same conversation finds the earlier message.
 */
export async function selectConversationsStartedBy(sql: Sql, conversationIds: number[], messageIds: number[]): Promise<number[]> {
  if (conversationIds.length === 0) return [];
  const rows = await sql<{ id: string }[]>`
    select c.id from conversations c
    where c.id = any(${conversationIds}::bigint[])
      and not exists (select 1 from messages m
                      where m.conversation_id = c.id and m.kind = 'message' and m.id <> all(${messageIds}::bigint[]))`;
  return rows.map((r) => Number(r.id));
}
