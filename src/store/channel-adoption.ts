import type { PlatformName } from '../platforms/types.js';
import type { Sql } from './database.js';

/**
 * Files a new channel's account's unrouted past under it: conversations, messages and contacts of
 * that account with no channel, or with the platform's environment catch-all (which held the account
 * only because no channel did). Answers how many conversations joined.
 */
export async function adoptAccount(
  sql: Sql,
  channel: { id: number; platform: PlatformName; accountId: string },
): Promise<number> {
  const { id, platform, accountId } = channel;
  const catchAll = sql`(
    channel_id is null or channel_id in (
      select ch.id from channels ch where ch.platform = ${platform} and ch.source = 'environment' and ch.account_id is null))`;
  // A customer may have both an unrouted and a catch-all conversation: one joins, the other stays as
  // it was rather than break the (platform, account, key, channel) uniqueness.
  const conversations = await sql`
    update conversations c set channel_id = ${id}
    where c.platform = ${platform} and c.account = ${accountId} and ${catchAll}
      and c.id = (
        select min(o.id) from conversations o
        where o.platform = c.platform and o.account = c.account
          and o.conversation_key is not distinct from c.conversation_key and ${catchAll})`;
  await sql`update messages set channel_id = ${id} where platform = ${platform} and account = ${accountId} and ${catchAll}`;
  await sql`update contacts set channel_id = ${id} where platform = ${platform} and account = ${accountId} and ${catchAll}`;
  return conversations.count;
}
