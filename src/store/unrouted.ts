import type { PlatformName } from '../platforms/types.js';
import type { Sql } from './database.js';

/** One business account Omni received webhooks for that no channel held (its items are "unrouted"). */
export interface UnroutedAccount {
  platform: PlatformName;
  /** The account the entries named (phone number id, Page id, Instagram id, bot id); null when they named none. */
  account: string | null;
  /** Its conversations filed with no channel. */
  conversations: number;
  /** Its messages stored with no channel (statuses and other events are not counted). */
  messages: number;
  /** The platform time of its last such message; null when it only sent statuses or events. */
  lastMessageAt: Date | null;
}

interface UnroutedAccountRow {
  platform: PlatformName;
  account: string | null;
  conversations: string;
  messages: string;
  last_message_at: Date | null;
}

/**
 * Every (platform, account) with unrouted messages or conversations, the most recently active first:
 * what an admin adds a channel for (its conversations then join it). Reads the partial indexes
 * `messages_unrouted` and `conversations_unrouted`. Two grouped reads put together by union rather
 * than a full join, since an account may be null and a full join cannot match nulls.
 */
export async function listUnroutedAccounts(sql: Sql): Promise<UnroutedAccount[]> {
  const rows = await sql<UnroutedAccountRow[]>`
    select platform, account, sum(conversations) as conversations, sum(messages) as messages,
           max(last_message_at) as last_message_at
    from (
      select platform, account, 0 as conversations, count(*) filter (where kind = 'message') as messages,
             max(platform_timestamp) filter (where kind = 'message') as last_message_at
      from messages where channel_id is null group by platform, account
      union all
      select platform, account, count(*), 0, null
      from conversations where channel_id is null group by platform, account
    ) unrouted
    group by platform, account
    order by max(last_message_at) desc nulls last, platform, account`;
  return rows.map((r) => ({
    platform: r.platform,
    account: r.account,
    conversations: Number(r.conversations),
    messages: Number(r.messages),
    lastMessageAt: r.last_message_at,
  }));
}
