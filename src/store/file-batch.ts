import { SpanKind } from '@opentelemetry/api';
import { databaseAttributes, inSpan } from '../observability/tracing-spans.js';
import { linkIdentities, resolvePeople } from './contact-identities.js';
import type { Sql } from './database.js';
import { applyBatchStatuses, applyStoredStatuses, applyWatermarks, WATERMARK_EVENT_TYPES } from './delivery-status.js';
import { applyTemplateUpdates, TEMPLATE_EVENT_TYPES } from './template-updates.js';

/** One processed item as the worker announces it. */
export interface FiledItem {
  messageId: number;
  conversationId: number | null;
  platform: string;
  kind: 'message' | 'status' | 'event';
  type: string;
  text: string | null;
}

/** A conversation this filing opened: a new one, or a closed one a customer wrote to again. */
export interface OpenedConversation {
  conversationId: number;
  how: 'created' | 'reopened';
}

/** What a filing did: each item filed, and the conversations it opened (which auto-assignment hands out). */
export interface FiledBatch {
  items: FiledItem[];
  opened: OpenedConversation[];
}

interface ItemRow {
  id: string;
  platform: string;
  account: string | null;
  channel_id: string | null;
  kind: FiledItem['kind'];
  sender: string | null;
  conversation_key: string | null;
  sender_aliases: string[] | null;
  sender_replaces: string | null;
  direction: string;
  type: string;
  text: string | null;
  contact_name: string | null;
  contact_username: string | null;
  platform_timestamp: Date;
}

const keyOf = (...parts: (string | null)[]) => JSON.stringify(parts);

/**
 * The worker's filing step, for one item or a whole batch, in a handful of set-based statements
 * inside the caller's transaction:
 * items that name a known person by another id filed under the id its contact goes by
 * (`contact-identities.ts`), contacts and conversations upserted once each (in key order, so
 * concurrent batches lock in one order; an item renames only a contact of its own channel, or one
 * no channel holds yet), the other ids each item brought linked to its contact, messages
 * linked, each conversation's last message moved forward only, each message moved to the best
 * status known for it, statuses applied best-first, WhatsApp template events applied to the stored
 * templates. A customer's message reopens a closed conversation, as a new one would have opened.
 */
export function fileItems(sql: Sql, messageIds: number[]): Promise<FiledBatch> {
  const attributes = {
    ...databaseAttributes('UPSERT', 'file messages contacts conversations'),
    'omni.items': messageIds.length,
  };
  return inSpan('db file items', { kind: SpanKind.CLIENT, attributes }, () => fileStoredItems(sql, messageIds));
}

async function fileStoredItems(sql: Sql, messageIds: number[]): Promise<FiledBatch> {
  const items: ItemRow[] = await sql`
    select id, platform, account, channel_id, kind, sender, conversation_key, sender_aliases, sender_replaces,
           direction, type, text, platform_timestamp,
           coalesce(content -> 'extra' ->> 'contactName', content -> 'extra' -> 'profile' ->> 'name') as contact_name,
           content -> 'extra' -> 'profile' ->> 'username' as contact_username
    from messages where id = any(${messageIds}::bigint[]) order by id`;
  const people = await resolvePeople(sql, items);

  const contacts = new Map<
    string,
    {
      platform: string;
      account: string | null;
      channel_id: string | null;
      external_id: string;
      display_name: string | null;
      username: string | null;
    }
  >();
  for (const i of items) {
    if (i.conversation_key && i.sender && i.direction === 'inbound') {
      const key = keyOf(i.platform, i.account, i.sender);
      const known = contacts.get(key);
      const channelId = i.channel_id ?? known?.channel_id ?? null;
      // As in the upsert below: a name comes only from an item of the contact's channel.
      const own = i.channel_id === channelId;
      const knownOwn = known?.channel_id === channelId;
      contacts.set(key, {
        platform: i.platform,
        account: i.account,
        channel_id: channelId,
        external_id: i.sender,
        display_name: (own ? i.contact_name : null) ?? (knownOwn ? known.display_name : null),
        username: (own ? i.contact_username : null) ?? (knownOwn ? known.username : null),
      });
    }
  }
  const contactIds = new Map<string, string>();
  if (contacts.size > 0) {
    const rows = [...contacts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, c]) => c);
    const upserted: { id: string; platform: string; account: string | null; external_id: string }[] = await sql`
      insert into contacts ${sql(rows, 'platform', 'account', 'channel_id', 'external_id', 'display_name', 'username')}
      on conflict (platform, account, external_id) do update
        set display_name = case when contacts.channel_id is null or contacts.channel_id = excluded.channel_id
                                then coalesce(excluded.display_name, contacts.display_name)
                                else contacts.display_name end,
            username = case when contacts.channel_id is null or contacts.channel_id = excluded.channel_id
                            then coalesce(excluded.username, contacts.username)
                            else contacts.username end,
            channel_id = coalesce(excluded.channel_id, contacts.channel_id),
            updated_at = now()
      returning id, platform, account, external_id`;
    for (const c of upserted) contactIds.set(keyOf(c.platform, c.account, c.external_id), c.id);
    await linkIdentities(sql, people, contactIds);
  }

  const conversations = new Map<
    string,
    {
      platform: string;
      account: string | null;
      channel_id: string | null;
      conversation_key: string;
      contact_id: string | null;
      last_message_at: Date | null;
    }
  >();
  for (const i of items) {
    if (!i.conversation_key) continue;
    const key = keyOf(i.platform, i.account, i.conversation_key, i.channel_id);
    const known = conversations.get(key);
    const contactId =
      i.sender && i.direction === 'inbound' ? (contactIds.get(keyOf(i.platform, i.account, i.sender)) ?? null) : null;
    const at = i.kind === 'message' ? i.platform_timestamp : null;
    const before = known?.last_message_at ?? null;
    const last = before && at && before > at ? before : (at ?? before);
    conversations.set(key, {
      platform: i.platform,
      account: i.account,
      channel_id: i.channel_id,
      conversation_key: i.conversation_key,
      contact_id: known?.contact_id ?? contactId,
      last_message_at: last,
    });
  }
  const conversationIds = new Map<string, string>();
  const opened: OpenedConversation[] = [];
  if (conversations.size > 0) {
    const rows = [...conversations.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, c]) => c);
    const upserted: {
      id: string;
      platform: string;
      account: string | null;
      conversation_key: string;
      channel_id: string | null;
      created: boolean;
    }[] = await sql`
      insert into conversations ${sql(rows, 'platform', 'account', 'channel_id', 'conversation_key', 'contact_id', 'last_message_at')}
      on conflict (platform, account, conversation_key, channel_id) do update
        set contact_id = coalesce(conversations.contact_id, excluded.contact_id),
            last_message_at = greatest(conversations.last_message_at, excluded.last_message_at),
            updated_at = now()
      returning id, platform, account, conversation_key, channel_id, xmax = 0 as created`;
    for (const c of upserted) {
      conversationIds.set(keyOf(c.platform, c.account, c.conversation_key, c.channel_id), c.id);
      if (c.created) opened.push({ conversationId: Number(c.id), how: 'created' });
    }
  }

  const links = items.flatMap((i) => {
    const conversationId =
      i.conversation_key && conversationIds.get(keyOf(i.platform, i.account, i.conversation_key, i.channel_id));
    return conversationId ? [[i.id, conversationId]] : [];
  });
  const has = (kind: ItemRow['kind'], types?: readonly string[]) =>
    items.some((i) => i.kind === kind && (!types || types.includes(i.type)));
  // None of these writes needs another's answer, only to run after the ones before it, which the
  // connection keeps: sent together, they cost one round trip instead of one each. A write with
  // nothing to do in this batch is not sent.
  const [reopened] = await Promise.all([
    reopenForInbound(sql, items, conversationIds),
    links.length > 0 && linkMessages(sql, links),
    links.length > 0 && advanceLastMessages(sql, messageIds),
    has('status') && applyBatchStatuses(sql, messageIds),
    has('message') && applyStoredStatuses(sql, messageIds),
    has('event', WATERMARK_EVENT_TYPES) && applyWatermarks(sql, messageIds),
    has('event', TEMPLATE_EVENT_TYPES) &&
      applyTemplateUpdates(
        sql,
        items.filter((i) => i.kind === 'event' && TEMPLATE_EVENT_TYPES.includes(i.type)).map((i) => Number(i.id)),
      ),
  ]);
  opened.push(...reopened);
  const filed = items.map((i) => ({
    messageId: Number(i.id),
    conversationId: i.conversation_key
      ? Number(conversationIds.get(keyOf(i.platform, i.account, i.conversation_key, i.channel_id)))
      : null,
    platform: i.platform,
    kind: i.kind,
    type: i.type,
    text: i.text,
  }));
  return { items: filed, opened };
}

/**
 * Reopens the closed conversations a customer's message was filed in (a reply, a status or a
 * read receipt leaves them closed). The rows are already locked by the upsert before, so this
 * takes no new lock.
 */
async function reopenForInbound(
  sql: Sql,
  items: ItemRow[],
  conversationIds: Map<string, string>,
): Promise<OpenedConversation[]> {
  const written = items.flatMap((i) => {
    if (i.kind !== 'message' || i.direction !== 'inbound' || !i.conversation_key) return [];
    const id = conversationIds.get(keyOf(i.platform, i.account, i.conversation_key, i.channel_id));
    return id ? [id] : [];
  });
  if (written.length === 0) return [];
  const rows = await sql<{ id: string }[]>`
    update conversations set status = 'open', updated_at = now()
    where id = any(${written}::bigint[]) and status = 'closed'
    returning id`;
  return rows.map((r) => ({ conversationId: Number(r.id), how: 'reopened' as const }));
}

/** Files each message in its conversation. */
async function linkMessages(sql: Sql, links: string[][]): Promise<void> {
  await sql`
    update messages m set conversation_id = l.conversation_id
    from unnest(${links.map((l) => l[0])}::bigint[], ${links.map((l) => l[1])}::bigint[]) as l(id, conversation_id)
    where m.id = l.id`;
}

/** Moves each conversation's last message forward to the newest of these, never back. */
async function advanceLastMessages(sql: Sql, messageIds: number[]): Promise<void> {
  await sql`
    update conversations c set last_message_id = m.id
    from (select distinct on (conversation_id) id, conversation_id, platform_timestamp, platform_seq from messages
          where id = any(${messageIds}::bigint[]) and kind = 'message' and conversation_id is not null
          order by conversation_id, platform_timestamp desc, platform_seq desc, id desc) m
    where c.id = m.conversation_id
      and (c.last_message_id is null
           or (m.platform_timestamp, m.platform_seq, m.id)
              > (select l.platform_timestamp, l.platform_seq, l.id from messages l where l.id = c.last_message_id))`;
}
