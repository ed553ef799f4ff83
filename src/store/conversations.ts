import type { Sql } from './database.js';

export interface StoredItem {
  id: number;
  platform: string;
  account: string | null;
  kind: 'message' | 'status' | 'event';
  sender: string | null;
  conversationKey: string | null;
  direction: 'inbound' | 'outbound';
  type: string;
  text: string | null;
  contactName: string | null;
  platformTimestamp: Date;
}

export async function loadStoredItem(sql: Sql, messageId: number): Promise<StoredItem | null> {
  const [row] = await sql<{
    id: string; platform: string; account: string | null; kind: StoredItem['kind']; sender: string | null;
    conversation_key: string | null; direction: StoredItem['direction']; type: string; text: string | null;
    contact_name: string | null; platform_timestamp: Date;
  }[]>`
    select id, platform, account, kind, sender, conversation_key, direction, type, text, platform_timestamp,
           coalesce(content -> 'extra' ->> 'contactName', content -> 'extra' -> 'profile' ->> 'name') as contact_name
    from messages where id = ${messageId}`;
  if (!row) return null;
  return {
    id: Number(row.id), platform: row.platform, account: row.account, kind: row.kind, sender: row.sender,
    conversationKey: row.conversation_key, direction: row.direction, type: row.type, text: row.text,
    contactName: row.contact_name, platformTimestamp: row.platform_timestamp,
  };
}

/**
 * Files a message under its contact and conversation, creating both on first sight. Idempotent:
 * running it twice for one message leaves the same rows; `last_message_at` and `last_message_id` only
 * move forward in platform order.
 */
export async function attachToConversation(sql: Sql, item: StoredItem): Promise<number | null> {
  if (!item.conversationKey) return null;
  let contactId: string | null = null;
  if (item.sender && item.direction === 'inbound') {
    const [contact] = await sql<{ id: string }[]>`
      insert into contacts (platform, account, external_id, display_name)
      values (${item.platform}, ${item.account}, ${item.sender}, ${item.contactName})
      on conflict (platform, account, external_id) do update
        set display_name = coalesce(excluded.display_name, contacts.display_name), updated_at = now()
      returning id`;
    contactId = contact.id;
  }
  const lastAt = item.kind === 'message' ? item.platformTimestamp : null;
  const [conversation] = await sql<{ id: string }[]>`
    insert into conversations (platform, account, conversation_key, contact_id, last_message_at)
    values (${item.platform}, ${item.account}, ${item.conversationKey}, ${contactId}, ${lastAt})
    on conflict (platform, account, conversation_key) do update
      set contact_id = coalesce(conversations.contact_id, excluded.contact_id),
          last_message_at = greatest(conversations.last_message_at, excluded.last_message_at),
          updated_at = now()
    returning id`;
  await sql`update messages set conversation_id = ${conversation.id} where id = ${item.id}`;
  if (item.kind === 'message') await advanceLastMessage(sql, Number(conversation.id), item.id);
  return Number(conversation.id);
}

/**
 * Makes a message its conversation's last message if it comes later in platform order
 * (timestamp, Telegram message_id, row id) than the current one: a message processed late
 * never takes the place of a newer one. Run after the upsert above, in the same transaction,
 * whose lock on the conversation row makes concurrent workers take turns here.
 */
async function advanceLastMessage(sql: Sql, conversationId: number, messageId: number): Promise<void> {
  await sql`
    update conversations c set last_message_id = m.id
    from messages m
    where c.id = ${conversationId} and m.id = ${messageId}
      and (c.last_message_id is null
           or (m.platform_timestamp, m.platform_seq, m.id)
              > (select l.platform_timestamp, l.platform_seq, l.id from messages l where l.id = c.last_message_id))`;
}
