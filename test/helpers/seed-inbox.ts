import type { Sql } from '../../src/store/database.js';

/** Conversations to put in one channel's inbox, each with one message from its customer. */
export interface InboxSeed {
  channelId: number;
  /** The channel's business account (its WhatsApp phone number id). */
  account: string;
  count: number;
  /** Names are `<name> <n>`, n from 1 (the most recent) to count; keys carry it too, so seeds do not collide. */
  name: string;
  /** Every `readEvery`-th conversation is read (0: none is); the others are unread. */
  readEvery?: number;
  /** Every `closedEvery`-th conversation is closed (0: none is). */
  closedEvery?: number;
  /** Each conversation's agent, by its n (undefined: unassigned). */
  assigneeOf?: (n: number) => number | undefined;
  /** When conversation 1's message came; each next one a minute earlier. */
  newest?: Date;
}

/**
 * Fills one channel's inbox with `count` WhatsApp conversations in three statements
 * (`generate_series`: contacts, conversations, messages), then points each conversation at its
 * message as the worker would. For the list's tests and measurements at scale, where filing
 * thousands of webhooks one by one would be the slow part. Answers the conversations' ids by n.
 */
export async function seedInbox(sql: Sql, seed: InboxSeed): Promise<number[]> {
  const newest = seed.newest ?? new Date();
  const readEvery = seed.readEvery ?? 0;
  const closedEvery = seed.closedEvery ?? 0;
  const assignees = Array.from({ length: seed.count }, (_, i) => seed.assigneeOf?.(i + 1) ?? null);
  const rows = await sql<{ conversation_id: string; message_id: string; n: number }[]>`
    with g as (
      select n, ${seed.name} || ' ' || n as name, 'seed-' || ${seed.name} || '-' || n as key,
             ${newest}::timestamptz - (n - 1) * interval '1 minute' as at,
             (${assignees}::bigint[])[n] as assignee
      from generate_series(1, ${seed.count}::int) n
    ), log as (
      insert into webhook_logs (platform, method, headers, signature, status_code, item_count, error)
      values ('seed', 'SEED', '{}', 'not_checked', 200, ${seed.count}, ${`seedInbox ${seed.name}`})
      returning id
    ), contacts_in as (
      insert into contacts (platform, account, external_id, display_name, channel_id)
      select 'whatsapp', ${seed.account}, key, name, ${seed.channelId} from g
      returning id, external_id
    ), conversations_in as (
      insert into conversations (platform, account, conversation_key, contact_id, channel_id, status, assignee_agent_id)
      select 'whatsapp', ${seed.account}, g.key, ct.id, ${seed.channelId},
             case when ${closedEvery}::int > 0 and g.n % ${closedEvery}::int = 0 then 'closed' else 'open' end, g.assignee
      from g join contacts_in ct on ct.external_id = g.key
      returning id, conversation_key
    ), messages_in as (
      insert into messages (platform, account, external_id, subject_external_id, kind, direction, type, content_kind,
                            text, content, sender, conversation_key, conversation_id, raw, platform_timestamp,
                            channel_id, webhook_log_id)
      select 'whatsapp', ${seed.account}, 'wamid.' || g.key, 'wamid.' || g.key, 'message', 'inbound', 'text', 'text',
             'Message from ' || g.name, jsonb_build_object('kind', 'text', 'text', 'Message from ' || g.name),
             g.key, g.key, c.id, '{}'::jsonb, g.at, ${seed.channelId}, (select id from log)
      from g join conversations_in c on c.conversation_key = g.key
      returning id, conversation_id, conversation_key
    )
    select m.conversation_id, m.id as message_id, g.n from messages_in m join g on g.key = m.conversation_key
    order by g.n`;
  // A statement's parts cannot see each other's rows, so the conversations point at their messages in a second one.
  const ids = rows.map((r) => r.conversation_id);
  const messageIds = rows.map((r) => r.message_id);
  const read = rows.map((r) => (readEvery > 0 && r.n % readEvery === 0 ? 1 : 0));
  await sql`
    update conversations c
    set last_message_id = u.message_id, last_message_at = m.platform_timestamp,
        last_read_message_id = case when u.read = 1 then u.message_id end
    from unnest(${ids}::bigint[], ${messageIds}::bigint[], ${read}::int[]) as u(conversation_id, message_id, read)
    join messages m on m.id = u.message_id
    where c.id = u.conversation_id`;
  await sql`analyze conversations`;
  await sql`analyze messages`;
  return ids.map(Number);
}
