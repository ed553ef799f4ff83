import type { Sql } from './database.js';

/**
 * Which channels a caller sees: an admin every one (`'all'`), an agent or an agent-role API token
 * only the channels it is a member of. Conversations, messages, contacts and files outside the
 * scope do not exist for that caller (404), so an id never reveals another inbox.
 */
export type ChannelScope = 'all' | readonly number[];

/** Whether a caller with this scope sees a record of this channel. Unrouted records (null) are admins' only. */
export function seesChannel(scope: ChannelScope, channelId: number | null): boolean {
  if (scope === 'all') return true;
  return channelId !== null && scope.includes(channelId);
}

/**
 * The SQL condition "`column` is a channel this scope sees", for a `where` or an `and`: nothing to
 * test for an admin, and for anyone else membership of the scope's channels, which a null
 * (unrouted) never has. The one place every scoped read takes its condition from.
 */
export function channelCondition(sql: Sql, column: string, scope: ChannelScope) {
  if (scope === 'all') return sql`true`;
  return sql`${sql(column)} = any(${[...scope]}::bigint[])`;
}
