import type { DeliveryStatus, PlatformName } from '../platforms/types.js';
import type postgres from 'postgres';
import { channelCondition, type ChannelScope } from './channel-scope.js';
import { channelRefColumns, toChannelRef, type ChannelRef, type ChannelRefRow } from './channel-ref.js';
import { contactAvatarUrl } from './contact-profiles.js';
import type { Sql } from './database.js';

/** A conversation's workflow states (the `conversations.status` check holds the same list). */
export const CONVERSATION_STATUSES = ['open', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** One conversation as the dashboard lists it: its contact, workflow state and a preview of its last message. */
export interface ConversationSummary {
  id: number;
  platform: PlatformName;
  account: string | null;
  /** The channel it came through; null: unrouted (no channel held its account). */
  channelId: number | null;
  /** That channel's name and state, for showing beside the conversation. */
  channel: ChannelRef | null;
  conversationKey: string;
  contactId: number | null;
  contactName: string | null;
  /** The contact's username on the platform (Instagram's handle), from its profile. */
  contactUsername: string | null;
  /** Where the contact's profile picture is served; null when it has none. */
  contactAvatarUrl: string | null;
  /**
   * When its last message was sent; null while it holds no message yet, only delivery statuses or
   * events (a status for a message Omni never saw, such as one sent from the WhatsApp Business app).
   * Such a conversation is a real record (its statuses are filed, exported and erased with it), but
   * it enters the list, and fires `conversation.created`, only with its first message.
   */
  lastMessageAt: Date | null;
  /** The last message an agent marked read, if any. */
  lastReadMessageId: number | null;
  /** The last message is inbound and not the one marked read. */
  unread: boolean;
  status: ConversationStatus;
  /** Its labels, normalised, in alphabetical order (see conversation-labels.ts). */
  labels: string[];
  /** The agent it is assigned to, if any. */
  assignee: { id: number; name: string } | null;
  lastMessage: {
    id: number;
    direction: 'inbound' | 'outbound';
    type: string;
    text: string | null;
    deliveryStatus: DeliveryStatus | null;
  } | null;
}

interface ConversationSummaryRow extends ChannelRefRow {
  id: string;
  platform: PlatformName;
  account: string | null;
  conversation_key: string;
  contact_id: string | null;
  contact_name: string | null;
  contact_username: string | null;
  contact_avatar_storage_key: string | null;
  last_message_at: Date | null;
  last_read_message_id: string | null;
  unread: boolean;
  status: ConversationStatus;
  labels: string[];
  assignee_id: string | null;
  assignee_name: string | null;
  message_id: string | null;
  direction: 'inbound' | 'outbound' | null;
  type: string | null;
  text: string | null;
  delivery_status: DeliveryStatus | null;
}

/**
 * What "unread" means, in the one place both the `unread` flag and the `unread` filter read it:
 * the last message is inbound and is not the one marked read. The second half is the predicate of
 * the partial index `conversations_unread_recent`, so the filter can be served by that index.
 */
export function unreadCondition(sql: Sql) {
  return sql`(m.direction = 'inbound' and c.last_read_message_id is distinct from c.last_message_id)`;
}

/**
 * Conversation summaries matching `condition` (over `c` conversations, `ct` contacts, `ch` their
 * channel and `m` the last message), with `rest` (order and limit) appended.
 */
export async function selectConversationSummaries(
  sql: Sql,
  condition: postgres.Fragment,
  rest: postgres.Fragment = sql``,
): Promise<ConversationSummary[]> {
  const rows = await sql<ConversationSummaryRow[]>`
    select c.id, c.platform, c.account, c.conversation_key, c.contact_id, c.last_message_at, c.last_read_message_id,
           c.status, coalesce(${unreadCondition(sql)}, false) as unread,
           ct.display_name as contact_name, ct.username as contact_username,
           ct.avatar_storage_key as contact_avatar_storage_key, a.id as assignee_id, a.name as assignee_name,
           m.id as message_id, m.direction, m.type, m.text, m.delivery_status, ${channelRefColumns(sql)},
           -- One primary-key read per row of the page (at most LABELS_PER_CONVERSATION labels each).
           array(select l.label from conversation_labels l where l.conversation_id = c.id order by l.label) as labels
    from conversations c
    left join contacts ct on ct.id = c.contact_id
    left join channels ch on ch.id = c.channel_id
    left join messages m on m.id = c.last_message_id
    left join agents a on a.id = c.assignee_agent_id
    where ${condition}
    ${rest}`;
  return rows.map(toConversationSummary);
}

/** One conversation's summary, or undefined for an unknown id or one outside `scope`. */
export async function findConversationSummary(
  sql: Sql,
  conversationId: number,
  scope: ChannelScope,
): Promise<ConversationSummary | undefined> {
  const [summary] = await selectConversationSummaries(
    sql,
    sql`c.id = ${conversationId} and ${channelCondition(sql, 'c.channel_id', scope)}`,
  );
  return summary;
}

function toConversationSummary(r: ConversationSummaryRow): ConversationSummary {
  return {
    id: Number(r.id),
    platform: r.platform,
    account: r.account,
    ...toChannelRef(r),
    conversationKey: r.conversation_key,
    contactId: r.contact_id === null ? null : Number(r.contact_id),
    contactName: r.contact_name,
    contactUsername: r.contact_username,
    contactAvatarUrl: r.contact_id === null ? null : contactAvatarUrl(r.contact_id, r.contact_avatar_storage_key),
    lastMessageAt: r.last_message_at,
    lastReadMessageId: r.last_read_message_id === null ? null : Number(r.last_read_message_id),
    unread: r.unread,
    status: r.status,
    labels: r.labels,
    // Each left join's columns are null together (no assignee, no last message) or not at all.
    assignee:
      r.assignee_id === null || r.assignee_name === null ? null : { id: Number(r.assignee_id), name: r.assignee_name },
    lastMessage:
      r.message_id === null || r.direction === null || r.type === null
        ? null
        : {
            id: Number(r.message_id),
            direction: r.direction,
            type: r.type,
            text: r.text,
            deliveryStatus: r.delivery_status,
          },
  };
}
