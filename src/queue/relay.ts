import type { Logger } from 'pino';
import { inTransaction, type SqlPool } from '../store/database.js';
import { selectStalePending } from '../store/queue-logs.js';
import type { Outbox } from './outbox.js';

const RELAY_BATCH = 100;

/**
 * Re-sends queue rows left pending past `afterMs` — the crash window between a webhook's commit and
 * its SQS send. Returns how many rows it handed over; loops until none are left.
 */
export async function relayPendingOnce(sql: SqlPool, outbox: Outbox, afterMs: number): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await inTransaction(sql, async (tx) => {
      const rows = await selectStalePending(tx, afterMs, RELAY_BATCH);
      await outbox.send(rows, tx);
      return rows.length;
    });
    total += count;
    if (count < RELAY_BATCH) return total;
  }
}

/** Runs the relay every `intervalMs` until `stop()`; a failed round is logged and tried again next time. */
export function startOutboxRelay(deps: {
  sql: SqlPool;
  outbox: Outbox;
  afterMs: number;
  intervalMs: number;
  logger: Logger;
}) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  const schedule = () => {
    timer = setTimeout(() => {
      round = relayPendingOnce(deps.sql, deps.outbox, deps.afterMs)
        .then((count) => {
          if (count > 0) deps.logger.info({ count }, 'relay: re-sent pending queue rows');
        })
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'relay: round failed'))
        .finally(() => {
          if (!stopped) schedule();
        });
    }, deps.intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
