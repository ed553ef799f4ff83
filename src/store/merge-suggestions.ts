import { channelCondition, type ChannelScope } from './channel-scope.js';
import { personRoot } from './contact-merges.js';
import type { Sql } from './database.js';

/**
 * Two contacts that look like one person, for someone to merge (Omni never merges on its own): a
 * Telegram user shared their own phone number (a contact message whose `user_id` is the sender,
 * as the Bot API's `request_contact` button sends it) and a WhatsApp contact has that number.
 */
export interface MergeSuggestion {
  telegramContactId: number;
  whatsappContactId: number;
  /** The number both share, in E.164 (`+` and digits). */
  phone: string;
  /** The Telegram contact message that shared it (the latest, when it was shared several times). */
  messageId: number;
  sharedAt: Date;
}

interface SuggestionRow {
  telegram_contact_id: string;
  whatsapp_contact_id: string;
  phone: string;
  message_id: string;
  shared_at: Date;
}

/**
 * The suggestions whose two contacts `scope` both sees, that are not one person already and not
 * erased; with `contactId`, only those naming that contact. Numbers compare as E.164 digits: a
 * WhatsApp id is the number without `+`, and Telegram's `phone_number` may carry a `+`, spaces or
 * dashes, which are dropped. A number of fewer than 7 or more than 15 digits (a short code such as
 * 911, or no phone number at all) suggests nothing.
 */
export async function listMergeSuggestions(
  sql: Sql,
  scope: ChannelScope,
  contactId?: number,
): Promise<MergeSuggestion[]> {
  const rows = await sql<SuggestionRow[]>`
    with shared as (
      select distinct on (m.account, m.sender, phone) m.id, m.account, m.sender, m.platform_timestamp, phone
      from messages m,
           lateral (select regexp_replace(m.content #>> '{contacts,0,phoneNumber}', '[^0-9]', '', 'g') as phone) p
      where m.platform = 'telegram' and m.type = 'contacts' and m.kind = 'message'
        and m.erased_at is null and m.content #>> '{contacts,0,userId}' = m.sender
        and length(phone) between 7 and 15
      order by m.account, m.sender, phone, m.platform_timestamp desc, m.id desc
    )
    select t.id as telegram_contact_id, w.id as whatsapp_contact_id, s.phone, s.id as message_id,
           s.platform_timestamp as shared_at
    from shared s
    join contacts t on t.platform = 'telegram' and t.account is not distinct from s.account and t.external_id = s.sender
    join contacts w on w.platform = 'whatsapp' and w.external_id = s.phone
    where t.erased_at is null and w.erased_at is null
      and ${channelCondition(sql, 't.channel_id', scope)} and ${channelCondition(sql, 'w.channel_id', scope)}
      and ${contactId === undefined ? sql`true` : sql`${contactId} in (t.id, w.id)`}
      and ${personRoot(sql, 't.id')} <> ${personRoot(sql, 'w.id')}
    order by s.platform_timestamp desc, t.id, w.id`;
  return rows.map((row) => ({
    telegramContactId: Number(row.telegram_contact_id),
    whatsappContactId: Number(row.whatsapp_contact_id),
    phone: `+${row.phone}`,
    messageId: Number(row.message_id),
    sharedAt: row.shared_at,
  }));
}
