import type { PlatformName } from '../platforms/types.js';
import { channelCondition, type ChannelScope } from './channel-scope.js';
import { channelRefColumns, toChannelRef, type ChannelRef, type ChannelRefRow } from './channel-ref.js';
import { personOf } from './contact-merges.js';
import { otherIdsOf } from './contact-scope.js';
import { contactAvatarUrl } from './contact-profiles.js';
import type { Sql } from './database.js';

/** A contact as the dashboard's details panel shows it. */
export interface ContactDetails {
  id: number;
  platform: PlatformName;
  /** The business account it wrote to (phone number id, page id, bot). */
  account: string | null;
  /** The channel its messages came through; null: unrouted. */
  channelId: number | null;
  /** That channel's name and state. */
  channel: ChannelRef | null;
  /** The platform's id for the person (WhatsApp number, page-scoped id, Telegram user id). */
  externalId: string;
  displayName: string | null;
  /** The platform's username (Instagram's handle), from its profile. */
  username: string | null;
  /** Where its profile picture is served; null when it has none. */
  avatarUrl: string | null;
  createdAt: Date;
  /** When its personal data was erased (it is then an anonymous tombstone); null while it is not. */
  erasedAt: Date | null;
  /** The contact it was merged into (`POST /api/contacts/:id/unmerge` undoes that); null: none. */
  mergedIntoId: number | null;
  /** The person's other contacts (merged with this one, on any platform), as far as the caller sees them. */
  mergedContacts: MergedContact[];
  /** The person's conversations, newest first: this contact's and those of every contact merged with it. */
  conversationIds: number[];
  /** The same conversations, as the contact panel lists them. */
  conversations: PersonConversation[];
  /** Its other ids on the platform: a WhatsApp BSUID beside the phone number, the BSUID before a change. */
  otherIds: string[];
}

/** One of the person's conversations: where it is and how it stands. */
export interface PersonConversation {
  id: number;
  platform: PlatformName;
  channel: ChannelRef | null;
  status: string;
  lastMessageAt: string | null;
}

/** Another platform identity of the same person. */
export interface MergedContact {
  id: number;
  platform: PlatformName;
  /** Its id on its platform. */
  externalId: string;
  channelId: number | null;
  displayName: string | null;
  mergedIntoId: number | null;
}

interface ContactRow extends ChannelRefRow {
  id: string;
  platform: PlatformName;
  account: string | null;
  external_id: string;
  display_name: string | null;
  username: string | null;
  avatar_storage_key: string | null;
  created_at: Date;
  erased_at: Date | null;
  merged_into_id: string | null;
  merged_contacts: MergedContact[];
  conversation_ids: string[];
  conversations: PersonConversation[];
  other_ids: string[];
}

/** The contact this one is merged into, when the caller sees it: another inbox's id never shows. */
function visibleMergeTarget(sql: Sql, alias: 'ct' | 'o', scope: ChannelScope) {
  return sql`(select m.id from contacts m
              where m.id = ${sql(alias)}.merged_into_id and ${channelCondition(sql, 'm.channel_id', scope)})`;
}

/**
 * The contact with this id and its person's conversations, or undefined for an unknown id or one
 * outside `scope`. Of the person's other contacts and conversations, only those in `scope` show.
 */
export async function findContact(
  sql: Sql,
  contactId: number,
  scope: ChannelScope,
): Promise<ContactDetails | undefined> {
  const [row] = await sql<ContactRow[]>`
    ${personOf(sql, contactId)}
    select ct.id, ct.platform, ct.account, ct.external_id, ct.display_name, ct.username, ct.avatar_storage_key,
           ct.created_at, ct.erased_at, ${visibleMergeTarget(sql, 'ct', scope)} as merged_into_id,
           coalesce((select json_agg(json_build_object('id', o.id, 'platform', o.platform, 'externalId', o.external_id,
                                                      'channelId', o.channel_id,
                                                      'displayName', o.display_name, 'mergedIntoId', ${visibleMergeTarget(sql, 'o', scope)})
                                     order by o.id)
                     from contacts o
                     where o.id in (select id from person) and o.id <> ct.id
                       and ${channelCondition(sql, 'o.channel_id', scope)}), '[]') as merged_contacts,
           array(select c.id from conversations c
                 where c.contact_id in (select id from person) and ${channelCondition(sql, 'c.channel_id', scope)}
                 order by c.id desc) as conversation_ids,
           coalesce((select json_agg(json_build_object(
                              'id', c.id, 'platform', c.platform, 'status', c.status, 'lastMessageAt', c.last_message_at,
                              'channel', case when cc.id is null then null else json_build_object(
                                'id', cc.id, 'name', cc.name, 'platform', cc.platform, 'removed', cc.removed_at is not null) end)
                            order by c.id desc)
                     from conversations c left join channels cc on cc.id = c.channel_id
                     where c.contact_id in (select id from person)
                       and ${channelCondition(sql, 'c.channel_id', scope)}), '[]') as conversations,
           ${otherIdsOf(sql, 'ct.id')} as other_ids,
           ${channelRefColumns(sql)}
    from contacts ct
    left join channels ch on ch.id = ct.channel_id
    where ct.id = ${contactId} and ${channelCondition(sql, 'ct.channel_id', scope)}`;
  return (
    row && {
      id: Number(row.id),
      platform: row.platform,
      account: row.account,
      ...toChannelRef(row),
      externalId: row.external_id,
      displayName: row.display_name,
      username: row.username,
      avatarUrl: contactAvatarUrl(row.id, row.avatar_storage_key),
      createdAt: row.created_at,
      erasedAt: row.erased_at,
      mergedIntoId: row.merged_into_id === null ? null : Number(row.merged_into_id),
      mergedContacts: row.merged_contacts,
      conversationIds: row.conversation_ids.map(Number),
      conversations: row.conversations,
      otherIds: row.other_ids,
    }
  );
}
