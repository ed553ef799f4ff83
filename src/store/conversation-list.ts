import type { PlatformName } from '../platforms/types.js';
import { channelCondition, type ChannelScope } from './channel-scope.js';
import {
  selectConversationSummaries,
  unreadCondition,
  type ConversationStatus,
  type ConversationSummary,
} from './conversation-summary.js';
import type { Sql } from './database.js';
import { containing } from './like-pattern.js';

export type { ConversationSummary } from './conversation-summary.js';

/** A conversation as the list shows it: only those with a message are listed, so its time is never null. */
export type ListedConversation = ConversationSummary & { lastMessageAt: Date };

const listed = (rows: ConversationSummary[]) =>
  rows.filter((row): row is ListedConversation => row.lastMessageAt !== null);

/** Where a page of the conversation list ends: the last conversation's `lastMessageAt` and `id`. */
export interface ConversationCursor {
  lastMessageAt: Date;
  id: number;
}

/** Which conversations the list holds; every filter given must match. */
export interface ConversationFilters {
  /** Only this platform's conversations. */
  platform?: PlatformName;
  /** Only conversations on this business account (phone number id, page id, bot). */
  account?: string;
  /** Only this channel's conversations; null for the unrouted ones (no channel held their account). */
  channelId?: number | null;
  status?: ConversationStatus;
  /** Only unread conversations (true) or only read ones (false). */
  unread?: boolean;
  /** Only conversations assigned to this agent; null for the unassigned ones. */
  assigneeAgentId?: number | null;
  /** Text found, whatever its case, in the contact's display name or in any of the conversation's messages. */
  search?: string;
  /** Only conversations with this label (normalised: see `normaliseLabel`). */
  label?: string;
}

export interface ListConversationsOptions extends ConversationFilters {
  /** The channels the caller sees: the list holds none of the others' conversations. */
  scope: ChannelScope;
  /** Page size. */
  limit: number;
  /** The cursor of the previous page's last row: the page then holds the conversations after it. */
  before?: ConversationCursor;
  /** How many matching names and messages make a search term common (see `searchMatches`); 1000 by default. */
  searchCommonAt?: number;
}

/** A search resolved: the conversations it matches, or `common` when they are too many to list. */
type SearchMatches = { pattern: string; conversationIds: number[] | 'common' };

/**
 * Which conversations a search matches, when they are few. The trigram indexes find a rare term's
 * few names and messages in milliseconds, and the page is then sorted from those conversations
 * alone. A common term matches too many rows to collect (at 1M messages, seconds), but then most
 * recent conversations match, so walking the list in order and testing each stops after a page.
 * PostgreSQL cannot tell the two apart in one statement (it scans every conversation for a rare
 * term, or collects every match of a common one), so this probe decides: up to `commonAt` rows
 * read, which stops early on a common term.
 */
async function searchMatches(sql: Sql, search: string, scope: ChannelScope, commonAt: number): Promise<SearchMatches> {
  const pattern = containing(search);
  // Scoped here too, so a term common in another inbox does not make it common in the caller's.
  const rows = await sql<{ id: string }[]>`
    select c.id from contacts ct join conversations c on c.contact_id = ct.id
    where ct.display_name ilike ${pattern} and ${channelCondition(sql, 'c.channel_id', scope)}
    union all
    select s.conversation_id from messages s
    where s.kind = 'message' and s.conversation_id is not null and s.text ilike ${pattern}
      and ${channelCondition(sql, 's.channel_id', scope)}
    limit ${commonAt + 1}`;
  if (rows.length > commonAt) return { pattern, conversationIds: 'common' };
  return { pattern, conversationIds: [...new Set(rows.map((r) => Number(r.id)))] };
}

function searchCondition(sql: Sql, search: SearchMatches | undefined) {
  if (search === undefined) return sql``;
  if (search.conversationIds !== 'common') return sql`and c.id = any(${search.conversationIds}::bigint[])`;
  return sql`
    and (ct.display_name ilike ${search.pattern}
         or exists (select 1 from messages s where s.conversation_id = c.id and s.kind = 'message' and s.text ilike ${search.pattern}))`;
}

function filterConditions(sql: Sql, f: ListConversationsOptions, search: SearchMatches | undefined) {
  return sql`
    and ${channelCondition(sql, 'c.channel_id', f.scope)}
    ${f.platform === undefined ? sql`` : sql`and c.platform = ${f.platform}`}
    ${f.account === undefined ? sql`` : sql`and c.account = ${f.account}`}
    ${
      f.channelId === undefined
        ? sql``
        : f.channelId === null
          ? sql`and c.channel_id is null`
          : sql`and c.channel_id = ${f.channelId}`
    }
    ${f.status === undefined ? sql`` : sql`and c.status = ${f.status}`}
    ${f.unread === undefined ? sql`` : f.unread ? sql`and ${unreadCondition(sql)}` : sql`and not coalesce(${unreadCondition(sql)}, false)`}
    ${
      f.assigneeAgentId === undefined
        ? sql``
        : f.assigneeAgentId === null
          ? sql`and c.assignee_agent_id is null`
          : sql`and c.assignee_agent_id = ${f.assigneeAgentId}`
    }
    ${
      f.label === undefined
        ? sql``
        : sql`and exists (select 1 from conversation_labels l where l.conversation_id = c.id and l.label = ${f.label})`
    }
    ${searchCondition(sql, search)}`;
}

/**
 * The conversation list, most recent first (last message's platform time, then id), a page at a time.
 * Keyset pagination on `conversations_recent` and the per-filter indexes that share its order
 * (`conversations_channel_last_message` for a channel, unrouted included; a label's conversations
 * come from `conversation_labels_label`, or the recent list is walked checking each one's label), so
 * a page costs the same however deep it is. The cursor holds values, not a conversation id: a
 * conversation that receives a message between two pages moves to the top, and its new time must
 * not shift the next page. Platform timestamps have at most millisecond precision, so a `Date`
 * cursor is exact. Conversations with no message yet (only statuses or events) are not listed,
 * nor those of channels outside the caller's scope.
 */
export async function listConversations(sql: Sql, options: ListConversationsOptions): Promise<ListedConversation[]> {
  const cursor =
    options.before === undefined
      ? sql``
      : sql`
    and (c.last_message_at, c.id) < (${options.before.lastMessageAt}::timestamptz, ${options.before.id}::bigint)`;
  const search =
    options.search === undefined
      ? undefined
      : await searchMatches(sql, options.search, options.scope, options.searchCommonAt ?? 1000);
  const rows = await selectConversationSummaries(
    sql,
    sql`c.last_message_at is not null ${filterConditions(sql, options, search)} ${cursor}`,
    sql`order by c.last_message_at desc, c.id desc limit ${options.limit}`,
  );
  return listed(rows);
}

/**
 * Conversations by id, as the list shows them (for the events endpoints receive); like the list,
 * only conversations with a message.
 */
export async function selectConversationSummariesById(
  sql: Sql,
  ids: number[],
): Promise<Map<number, ListedConversation>> {
  if (ids.length === 0) return new Map();
  const rows = await selectConversationSummaries(
    sql,
    sql`c.last_message_at is not null and c.id = any(${ids}::bigint[])`,
    sql``,
  );
  return new Map(listed(rows).map((r) => [r.id, r]));
}
