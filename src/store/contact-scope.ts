import type { PlatformName } from '../platforms/types.js';
import type { Sql } from './database.js';

/** Who a contact is on its platform: the keys its data is stored under. */
export interface ContactIdentity {
  id: number;
  platform: PlatformName;
  account: string | null;
  /** The platform's id for the person; once erased, the tombstone's random identity. */
  externalId: string;
  /**
   * The person's other ids on the account (`contact_identities`: a WhatsApp BSUID beside the phone
   * number, the BSUID before a change); items keyed or sent by any of them are theirs too.
   */
  otherIds: string[];
  erasedAt: Date | null;
}

/** The other ids (`contact_identities`) of the contact whose id is `column`, in order, as a text array. */
export function otherIdsOf(sql: Sql, column: string) {
  return sql`array(select ci.external_id from contact_identities ci where ci.contact_id = ${sql(column)}
                   order by ci.external_id)`;
}

/** The contact with this id as its data is keyed, or undefined; `lock` holds its row for an erasure. */
export async function selectContactIdentity(
  sql: Sql,
  contactId: number,
  options: { lock?: boolean } = {},
): Promise<ContactIdentity | undefined> {
  const [row] = await sql<
    {
      id: string;
      platform: PlatformName;
      account: string | null;
      external_id: string;
      other_ids: string[];
      erased_at: Date | null;
    }[]
  >`
    select c.id, c.platform, c.account, c.external_id, c.erased_at,
           ${otherIdsOf(sql, 'c.id')} as other_ids
    from contacts c where c.id = ${contactId}
    ${options.lock ? sql`for update of c` : sql``}`;
  return (
    row && {
      id: Number(row.id),
      platform: row.platform,
      account: row.account,
      externalId: row.external_id,
      otherIds: row.other_ids,
      erasedAt: row.erased_at,
    }
  );
}

/** Every id the person goes by on the account: the contact's own, then its other ids. */
export const idsOf = (contact: ContactIdentity) => [contact.externalId, ...contact.otherIds];

/**
 * Whether `column` (a conversation key) names the person's own chat: any of their ids, or a topic
 * of their id (`<id>:<thread>`, Telegram's topics in a private chat; a Telegram user has no other
 * ids). A group's key is the group's, never theirs.
 */
export function keyedByContact(sql: Sql, column: string, contact: ContactIdentity) {
  return sql`(${sql(column)} = any(${idsOf(contact)}::text[])
              or starts_with(${sql(column)}, ${`${contact.externalId}:`}))`;
}

/** The person's conversations, over `conversations c`: their own chats on the contact's account. */
export function contactConversations(sql: Sql, contact: ContactIdentity) {
  return sql`c.platform = ${contact.platform} and c.account is not distinct from ${contact.account}
             and ${keyedByContact(sql, 'c.conversation_key', contact)}`;
}

/**
 * The person's data among `messages m`, the one definition export and erasure share: everything in
 * their own chats (their messages, the replies to them, the statuses and events there, filed or
 * not yet), and what they wrote anywhere else on the account (a Telegram group), under any of their ids.
 * Neither `sender` nor `conversation_key` is indexed (an index on the ingest path for a rare request
 * would cost every webhook), so a query on it reads the messages table once.
 */
export function contactMessages(sql: Sql, contact: ContactIdentity) {
  return sql`m.platform = ${contact.platform} and m.account is not distinct from ${contact.account}
             and (${keyedByContact(sql, 'm.conversation_key', contact)} or m.sender = any(${idsOf(contact)}::text[]))`;
}
