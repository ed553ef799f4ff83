import { channelCondition, type ChannelScope } from './channel-scope.js';
import { type ConversationStatus, unreadCondition } from './conversation-summary.js';
import type { Sql } from './database.js';

/** How many listed conversations of one channel are unread; `channelId` null for the unrouted ones. */
export interface ChannelUnreadCount {
  channelId: number | null;
  unread: number;
}

/**
 * How many unread conversations each channel in `scope` holds (of one status, when given), counted
 * as the list's `unread` filter counts them (`unreadCondition`), so a switcher's count is the length
 * of that list. Channels with none are left out. The partial index `conversations_unread_recent`
 * holds only conversations whose last message is not the one read, so the count reads those (and
 * each one's last message, by primary key) rather than every conversation.
 */
export async function countUnreadConversationsByChannel(
  sql: Sql,
  scope: ChannelScope,
  status?: ConversationStatus,
): Promise<ChannelUnreadCount[]> {
  const rows = await sql<{ channel_id: string | null; unread: number }[]>`
    select c.channel_id, count(*)::int as unread
    from conversations c
    join messages m on m.id = c.last_message_id
    where c.last_message_at is not null and c.last_read_message_id is distinct from c.last_message_id
      and ${unreadCondition(sql)}
      and ${channelCondition(sql, 'c.channel_id', scope)}
      ${status === undefined ? sql`` : sql`and c.status = ${status}`}
    group by c.channel_id
    order by c.channel_id nulls last`;
  return rows.map((r) => ({ channelId: r.channel_id === null ? null : Number(r.channel_id), unread: r.unread }));
}
