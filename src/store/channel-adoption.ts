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

/**
 * Files a platform's past from before channels (conversations, messages and contacts with no
 * channel) under its new environment catch-all, as the catch-all would have routed them: every
 * account but those a live channel holds (an entry for such an account stays unrouted, as it was
 * routed). Run when the catch-all is first created, in its transaction: after an upgrade, a
 * customer's next message then joins their conversation instead of opening a second one, and
 * replies to it have a channel. Telegram's past has no account, as the environment channel's.
 */
export async function adoptPreChannelPast(sql: Sql, channel: { id: number; platform: PlatformName }): Promise<void> {
  const { id, platform } = channel;
  const unheld = (table: 'conversations' | 'messages' | 'contacts') => sql`
    ${sql(table)}.platform = ${platform} and ${sql(table)}.channel_id is null and not exists (
      select 1 from channels ch
      where ch.platform = ${platform} and ch.account_id = ${sql(table)}.account and ch.removed_at is null)`;
  // The catch-all is new, so no conversation names it yet; the twin check keeps the uniqueness safe regardless.
  await sql`
    update conversations set channel_id = ${id}
    where ${unheld('conversations')} and not exists (
      select 1 from conversations twin
      where twin.platform = conversations.platform and twin.account is not distinct from conversations.account
        and twin.conversation_key is not distinct from conversations.conversation_key and twin.channel_id = ${id})`;
  await sql`update messages set channel_id = ${id} where ${unheld('messages')}`;
  await sql`update contacts set channel_id = ${id} where ${unheld('contacts')}`;
}
