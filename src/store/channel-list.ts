import type { PlatformName } from '../platforms/types.js';
import type { Sql } from './database.js';

/** A channel as a listing shows it: never a secret, nor a hint of one. */
export interface ChannelSummary {
  id: number;
  platform: PlatformName;
  name: string;
  source: 'database' | 'environment';
  /** The account it holds; null for an environment `default` channel, which takes any account no other channel holds. */
  accountId: string | null;
  wabaId: string | null;
  enabled: boolean;
  createdAt: Date;
}

interface ChannelSummaryRow {
  id: string;
  platform: PlatformName;
  name: string;
  source: ChannelSummary['source'];
  account_id: string | null;
  waba_id: string | null;
  enabled: boolean;
  created_at: Date;
}

/**
 * The live (not removed) channels, by platform then name. The columns are named one by one so a
 * secret column added later cannot slip into an answer.
 */
export async function listLiveChannels(sql: Sql): Promise<ChannelSummary[]> {
  const rows = await sql<ChannelSummaryRow[]>`
    select id, platform, name, source, account_id, waba_id, enabled, created_at
    from channels where removed_at is null
    order by platform, lower(name), id`;
  return rows.map((r) => ({
    id: Number(r.id),
    platform: r.platform,
    name: r.name,
    source: r.source,
    accountId: r.account_id,
    wabaId: r.waba_id,
    enabled: r.enabled,
    createdAt: r.created_at,
  }));
}

/**
 * The channel a conversation or contact belongs to, as it is shown beside them: enough to name it
 * in a list, and whether it was removed (its conversations stay, marked so).
 */
export interface ChannelRef {
  id: number;
  name: string;
  platform: PlatformName;
  removed: boolean;
}

/** The columns `channelRefColumns` selects. */
export interface ChannelRefRow {
  channel_id: string | null;
  channel_name: string | null;
  channel_platform: PlatformName | null;
  channel_removed: boolean | null;
}

/** A `ChannelRefRow`'s columns, from a `channels ch` left-joined on the row's channel_id. */
export function channelRefColumns(sql: Sql) {
  return sql`ch.id as channel_id, ch.name as channel_name, ch.platform as channel_platform,
             ch.removed_at is not null as channel_removed`;
}

/** The channel's id (null: unrouted) and its reference. */
export function toChannelRef(r: ChannelRefRow): { channelId: number | null; channel: ChannelRef | null } {
  if (r.channel_id === null || r.channel_name === null || r.channel_platform === null) {
    return { channelId: null, channel: null };
  }
  return {
    channelId: Number(r.channel_id),
    channel: {
      id: Number(r.channel_id),
      name: r.channel_name,
      platform: r.channel_platform,
      removed: r.channel_removed === true,
    },
  };
}
