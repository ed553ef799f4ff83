import { channelsByHealth, dbPoolConnections, outboxOldestAge, outboxPending } from '../observability/metrics.js';
import { addMetricsSampler } from '../observability/metrics-scrape.js';
import { countChannelsByHealth } from '../store/channel-health.js';
import type { SqlPool } from '../store/database.js';
import { selectPoolUse } from '../store/pool-use.js';
import { selectOutboxBacklog } from '../store/queue-logs.js';

/**
 * Adds the gauges read from PostgreSQL at each scrape of this process's `/metrics`: the outbox's
 * pending rows and oldest age, channels by health, and this process's pool. Answers the removal,
 * for before the pool closes.
 */
export function sampleStoreMetrics(sql: SqlPool): () => void {
  return addMetricsSampler(async () => {
    const [backlog, channels, pool] = await Promise.all([
      selectOutboxBacklog(sql),
      countChannelsByHealth(sql),
      selectPoolUse(sql),
    ]);
    outboxPending.set(backlog.pending);
    outboxOldestAge.set(backlog.oldestAgeSeconds);
    for (const [health, count] of Object.entries(channels)) channelsByHealth.set({ health }, count);
    dbPoolConnections.set({ state: 'active' }, pool.active);
    dbPoolConnections.set({ state: 'idle' }, pool.idle);
    dbPoolConnections.set({ state: 'idle_in_transaction' }, pool.idleInTransaction);
    dbPoolConnections.set({ state: 'max' }, pool.max);
  });
}
