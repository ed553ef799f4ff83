import type { DeliveryStatus, PlatformName } from '../platforms/types.js';
import type { Sql } from './database.js';

/** Where a page of the conversation list ends: the last conversation's `lastMessageAt` and `id`. */
export interface ConversationCursor {
  lastMessageAt: Date;
  id: number;
}

/** One row of the dashboard's conversation list, with its contact and a preview of its last message. */
export interface ConversationSummary {
  id: number;
  platform: PlatformName;
  account: string | null;
  conversationKey: string;
  contactId: number | null;
  contactName: string | null;
  lastMessageAt: Date;
  /** The last message an agent marked read, if any. */
  lastReadMessageId: number | null;
  /** The last message is inbound and not the one marked read. */
  unread: boolean;
  lastMessage: {
    id: number;
    direction: 'inbound' | 'outbound';
    type: string;
    text: string | null;
    deliveryStatus: DeliveryStatus | null;
  } | null;
}

export interface ListConversationsOptions {
  /** Only this platform's conversations. */
  platform?: PlatformName;
  /** Only conversations on this business account (phone number id, page id, bot). */
  account?: string;
  /** Page size. */
  limit: number;
  /** The cursor of the previous page's last row: the page then holds the conversations after it. */
  before?: ConversationCursor;
}

interface ConversationSummaryRow {
  id: string; platform: PlatformName; account: string | null; conversation_key: string; contact_id: string | null;
  contact_name: string | null; last_message_at: Date; last_read_message_id: string | null; message_id: string | null;
  direction: 'inbound' | 'outbound' | null; type: string | null; text: string | null; delivery_status: DeliveryStatus | null;
}

/**
 * The conversation list, most recent first (last message's platform time, then id), a page at a time.
 * Keyset pagination on `conversations_recent` / `conversations_platform_recent`, so a page costs the
 * same however deep it is. The cursor holds values, not a conversation id: a conversation that
 * receives a message between two pages moves to the top, and its new time must not shift the next
 * page. Platform timestamps have at most millisecond precision, so a `Date` cursor is exact.
 * Conversations with no message yet (only statuses or events) are not listed.
 */
export async function listConversations(sql: Sql, options: ListConversationsOptions): Promise<ConversationSummary[]> {
  const platform = options.platform === undefined ? sql`` : sql`and c.platform = ${options.platform}`;
  const account = options.account === undefined ? sql`` : sql`and c.account = ${options.account}`;
  const cursor = options.before === undefined ? sql`` : sql`
    and (c.last_message_at, c.id) < (${options.before.lastMessageAt}::timestamptz, ${options.before.id}::bigint)`;
  const rows = await sql<ConversationSummaryRow[]>`
    ${selectSummaries(sql)}
    where c.last_message_at is not null ${platform} ${account} ${cursor}
    order by c.last_message_at desc, c.id desc
    limit ${options.limit}`;
  return rows.map(toConversationSummary);
}

/**
 * Conversations by id, as the list shows them (for the events endpoints receive); like the list,
 * only conversations with a message.
 */
export async function selectConversationSummariesById(sql: Sql, ids: number[]): Promise<Map<number, ConversationSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<ConversationSummaryRow[]>`
    ${selectSummaries(sql)}
    where c.last_message_at is not null and c.id = any(${ids}::bigint[])`;
  return new Map(rows.map((r) => [Number(r.id), toConversationSummary(r)]));
}

/** A conversation with its contact and last message, as a `ConversationSummaryRow`. */
function selectSummaries(sql: Sql) {
  return sql`
    select c.id, c.platform, c.account, c.conversation_key, c.contact_id, c.last_message_at, c.last_read_message_id,
           ct.display_name as contact_name,
           m.id as message_id, m.direction, m.type, m.text, m.delivery_status
    from conversations c
    left join contacts ct on ct.id = c.contact_id
    left join messages m on m.id = c.last_message_id`;
}

function toConversationSummary(r: ConversationSummaryRow): ConversationSummary {
  return {
    id: Number(r.id), platform: r.platform, account: r.account, conversationKey: r.conversation_key,
    contactId: r.contact_id === null ? null : Number(r.contact_id), contactName: r.contact_name,
    lastMessageAt: r.last_message_at,
    lastReadMessageId: r.last_read_message_id === null ? null : Number(r.last_read_message_id),
    unread: r.direction === 'inbound' && r.message_id !== r.last_read_message_id,
    lastMessage: r.message_id === null ? null : {
      id: Number(r.message_id), direction: r.direction!, type: r.type!, text: r.text, deliveryStatus: r.delivery_status,
    },
  };
}
