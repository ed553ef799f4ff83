import type { Sql } from './database.js';

/** How a live channel is doing, from what its row records. */
export const CHANNEL_HEALTHS = ['healthy', 'failing', 'silent', 'disabled'] as const;
export type ChannelHealth = (typeof CHANNEL_HEALTHS)[number];

/**
 * Live (not removed) channels by health, each counted once, first match wins: `disabled`; `failing`,
 * the platform refused or failed a call in the last hour (`last_error_at`); `silent`, no webhook
 * for a day or ever; else `healthy`. Every health is answered, zero when no channel has it.
 */
export async function countChannelsByHealth(sql: Sql): Promise<Record<ChannelHealth, number>> {
  const rows = await sql<{ health: ChannelHealth; count: number }[]>`
    select case
             when not enabled then 'disabled'
             when last_error_at > now() - interval '1 hour' then 'failing'
             when last_webhook_at is null or last_webhook_at < now() - interval '1 day' then 'silent'
             else 'healthy'
           end as health,
           count(*)::int as count
    from channels where removed_at is null group by 1`;
  const counts = Object.fromEntries(CHANNEL_HEALTHS.map((health) => [health, 0])) as Record<ChannelHealth, number>;
  for (const row of rows) counts[row.health] = row.count;
  return counts;
}
