import type { PlatformName } from '../platforms/types.js';
import type { Sql } from './database.js';

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
