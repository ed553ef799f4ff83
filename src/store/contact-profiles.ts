import type { PlatformName } from '../platforms/types.js';
import { channelCondition, type ChannelScope } from './channel-scope.js';
import type { Sql } from './database.js';

/** A contact whose profile a batch asked for, and the message that asked (the job's queue row names it). */
export interface ProfileRequest {
  contactId: number;
  messageId: number;
}

/**
 * Marks for a profile fetch the senders of these inbound messages, on these platforms, whose profile
 * was never fetched or asked for, or not within `refreshHours`: each contact at most once (by its
 * earliest message here). The UPDATE's WHERE holds under concurrency: a worker that waits on the
 * contact's row lock re-checks it against the other's `profile_requested_at`, so one job is planned,
 * and none while one waits. A request that never ended (its job lost) counts as old after
 * `refreshHours` too, so a contact is asked for again then. Erased contacts are never asked for.
 */
export async function requestProfileFetches(
  sql: Sql,
  messageIds: number[],
  platforms: readonly PlatformName[],
  refreshHours: number,
): Promise<ProfileRequest[]> {
  if (messageIds.length === 0 || platforms.length === 0) return [];
  const rows = await sql<{ id: string; message_id: string }[]>`
    with senders as (
      select ct.id, min(m.id) as message_id
      from messages m
      join contacts ct on ct.platform = m.platform and ct.account is not distinct from m.account
                      and ct.external_id = m.sender
      where m.id = any(${messageIds}::bigint[]) and m.kind = 'message' and m.direction = 'inbound'
        and m.platform = any(${platforms as string[]}::text[])
      group by ct.id
    )
    update contacts ct set profile_requested_at = now()
    from senders s
    where ct.id = s.id and ct.erased_at is null
      and coalesce(greatest(ct.profile_fetched_at, ct.profile_requested_at), '-infinity')
          < now() - make_interval(hours => ${refreshHours})
    returning ct.id, s.message_id`;
  return rows
    .map((r) => ({ contactId: Number(r.id), messageId: Number(r.message_id) }))
    .sort((a, b) => a.contactId - b.contactId);
}

/** Who a profile is fetched for: the person's id on the platform, through the contact's channel. */
export interface ProfileTarget {
  id: number;
  platform: PlatformName;
  /** The channel whose token asks; null: unrouted (the environment's). */
  channelId: number | null;
  externalId: string;
}

/** The contact a profile job is for; undefined when it is unknown or erased (nothing to fetch). */
export async function selectProfileTarget(sql: Sql, contactId: number): Promise<ProfileTarget | undefined> {
  const [row] = await sql<{ id: string; platform: PlatformName; channel_id: string | null; external_id: string }[]>`
    select id, platform, channel_id, external_id from contacts where id = ${contactId} and erased_at is null`;
  return (
    row && {
      id: Number(row.id),
      platform: row.platform,
      channelId: row.channel_id === null ? null : Number(row.channel_id),
      externalId: row.external_id,
    }
  );
}

/** What a fetch found: each field given replaces the stored one; one left out keeps it. */
export interface FetchedProfile {
  name?: string;
  username?: string;
  avatar?: { storageKey: string; mimeType: string };
}

/**
 * Records a fetch (a failed one too, with nothing found: `profile_fetched_at` alone then says it
 * was tried, so it is not asked for again before the refresh age). Only onto the person it was
 * fetched for: an erasure in between changed the contact's identity, and a late result writes nothing.
 */
export async function storeFetchedProfile(sql: Sql, target: ProfileTarget, found: FetchedProfile): Promise<boolean> {
  const rows = await sql`
    update contacts
    set display_name = coalesce(${found.name ?? null}, display_name),
        username = coalesce(${found.username ?? null}, username),
        avatar_storage_key = coalesce(${found.avatar?.storageKey ?? null}, avatar_storage_key),
        avatar_mime_type = coalesce(${found.avatar?.mimeType ?? null}, avatar_mime_type),
        profile_fetched_at = now(), updated_at = now()
    where id = ${target.id} and external_id = ${target.externalId} and erased_at is null
    returning id`;
  return rows.length > 0;
}

/** A contact's stored avatar: where its bytes are, and their type. */
export interface StoredAvatar {
  storageKey: string;
  mimeType: string;
}

/** The contact's avatar, or undefined when it has none (or is unknown, or outside `scope`). */
export async function selectContactAvatar(
  sql: Sql,
  contactId: number,
  scope: ChannelScope,
): Promise<StoredAvatar | undefined> {
  const [row] = await sql<{ avatar_storage_key: string; avatar_mime_type: string }[]>`
    select avatar_storage_key, avatar_mime_type from contacts ct
    where ct.id = ${contactId} and ct.avatar_storage_key is not null and ct.avatar_mime_type is not null
      and ${channelCondition(sql, 'ct.channel_id', scope)}`;
  return row && { storageKey: row.avatar_storage_key, mimeType: row.avatar_mime_type };
}

/**
 * Where the API serves a contact's avatar (`GET /api/contacts/:id/avatar`), or null when it has
 * none. The query names the picture's content address, so a new picture is a new url and a browser
 * may keep each one for good (the route answers as immutable).
 */
export function contactAvatarUrl(contactId: number | string, storageKey: string | null): string | null {
  if (storageKey === null) return null;
  const sha256 = storageKey.slice(storageKey.lastIndexOf('/') + 1);
  return `/api/contacts/${contactId}/avatar?v=${sha256.slice(0, 16)}`;
}
