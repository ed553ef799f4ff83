import type { Sql } from './database.js';

/** An item being filed, as far as who it is about goes. */
export interface PersonItem {
  platform: string;
  account: string | null;
  sender: string | null;
  conversation_key: string | null;
  sender_aliases: string[] | null;
  sender_replaces: string | null;
}

interface KnownId {
  platform: string;
  account: string | null;
  id: string;
  contact_id: string;
  primary_id: string;
}

const keyOf = (...parts: (string | null)[]) => JSON.stringify(parts);

/** Every id an item names its person by: the conversation's key first, then the other ids it brought. */
function idsOf(item: PersonItem): string[] {
  if (!item.conversation_key) return [];
  const others = [...(item.sender_aliases ?? []), ...(item.sender_replaces ? [item.sender_replaces] : [])];
  return [item.conversation_key, ...others];
}

/**
 * Files items under the id their person's contact goes by, so a conversation does not split when
 * the platform names the person differently (a phone number, then only a BSUID). Each item whose
 * conversation key is one of a known contact's other ids is rewritten in place to that contact's
 * `external_id` (and its sender with it, when they were the same). An item that `replaces` the id
 * a contact goes by renames the contact and its conversations to the item's id, the old id staying
 * as an alias. Returns the ids each item brought, for `linkIdentities` once the contacts exist.
 */
export async function resolvePeople(sql: Sql, items: PersonItem[]): Promise<PersonItem[]> {
  const named = items.filter((i) => idsOf(i).length > 0);
  if (named.length === 0) return [];
  const wanted = named.flatMap((i) => idsOf(i).map((id) => ({ platform: i.platform, account: i.account, id })));
  const known = await knownIds(sql, wanted);
  const byId = new Map(known.map((k) => [keyOf(k.platform, k.account, k.id), k]));
  for (const item of named) {
    const found = idsOf(item)
      .map((id) => byId.get(keyOf(item.platform, item.account, id)))
      .find((k) => k !== undefined);
    if (!found) continue;
    const key = item.conversation_key as string;
    let primary = found.primary_id;
    if (item.sender_replaces === primary && key !== primary && (await renameContact(sql, found, key))) {
      for (const k of known) if (k.contact_id === found.contact_id) k.primary_id = key;
      primary = key;
    }
    if (item.sender === item.conversation_key) item.sender = primary;
    item.conversation_key = primary;
  }
  return named;
}

async function knownIds(sql: Sql, wanted: { platform: string; account: string | null; id: string }[]) {
  return sql<KnownId[]>`
    with w as (
      select * from unnest(${wanted.map((w) => w.platform)}::text[], ${wanted.map((w) => w.account)}::text[],
                           ${wanted.map((w) => w.id)}::text[]) as w(platform, account, id)
    )
    select w.platform, w.account, w.id, c.id as contact_id, c.external_id as primary_id
    from w join contacts c on c.platform = w.platform and c.account is not distinct from w.account
                          and c.external_id = w.id
    union
    select w.platform, w.account, w.id, c.id, c.external_id
    from w join contact_identities ci on ci.platform = w.platform and ci.account is not distinct from w.account
                                    and ci.external_id = w.id
           join contacts c on c.id = ci.contact_id`;
}

/**
 * The contact now goes by `id`: its old id becomes an alias and its conversations are keyed by the
 * new one. Not done (false) when another contact already goes by `id`: joining the two is a merge.
 */
async function renameContact(sql: Sql, contact: KnownId, id: string): Promise<boolean> {
  const renamed = await sql`
    update contacts c set external_id = ${id}, updated_at = now()
    where c.id = ${contact.contact_id} and c.external_id = ${contact.primary_id}
      and not exists (select 1 from contacts o where o.platform = c.platform and o.account is not distinct from c.account
                                                 and o.external_id = ${id})
    returning c.id`;
  if (renamed.length === 0) return false;
  await sql`
    with moved as (
      delete from contact_identities where contact_id = ${contact.contact_id} and external_id = ${id}
    )
    insert into contact_identities (contact_id, platform, account, external_id)
    values (${contact.contact_id}, ${contact.platform}, ${contact.account}, ${contact.primary_id})
    on conflict do nothing`;
  await sql`
    update conversations c set conversation_key = ${id}, updated_at = now()
    where c.contact_id = ${contact.contact_id} and c.conversation_key = ${contact.primary_id}
      and not exists (select 1 from conversations o where o.platform = c.platform and o.account is not distinct from c.account
                      and o.conversation_key = ${id} and o.channel_id is not distinct from c.channel_id)`;
  return true;
}

/**
 * Records the other ids each item brought as ids of the contact it was filed under. An id another
 * contact already goes by, or holds, is left where it is: joining two contacts is a merge.
 */
export async function linkIdentities(sql: Sql, items: PersonItem[], contactIds: Map<string, string>): Promise<void> {
  const links = items.flatMap((i) => {
    const contactId = i.conversation_key && contactIds.get(keyOf(i.platform, i.account, i.conversation_key));
    if (!contactId) return [];
    const others = idsOf(i).filter((id) => id !== i.conversation_key);
    return others.map((id) => ({ contact_id: contactId, platform: i.platform, account: i.account, external_id: id }));
  });
  if (links.length === 0) return;
  await sql`
    insert into contact_identities (contact_id, platform, account, external_id)
    select l.contact_id::bigint, l.platform, l.account, l.external_id
    from unnest(${links.map((l) => l.contact_id)}::text[], ${links.map((l) => l.platform)}::text[],
                ${links.map((l) => l.account)}::text[], ${links.map((l) => l.external_id)}::text[])
         as l(contact_id, platform, account, external_id)
    where not exists (select 1 from contacts c where c.platform = l.platform and c.account is not distinct from l.account
                                               and c.external_id = l.external_id)
    order by l.platform, l.account, l.external_id
    on conflict do nothing`;
}
