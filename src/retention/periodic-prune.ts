import type { Logger } from 'pino';
import type { MediaStore } from '../media/media-store.js';
import type { SqlPool } from '../store/database.js';
import { type PruneResult, pruneOnce } from './prune.js';

/** The scheduled round's cadence, in every long-running process and on AWS (deploy/processor: rate(1 hour)). */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Processes started together (a deploy) should not all reach for the lock at once; the first round
 * comes 1 to 10 minutes after start.
 */
const firstDelayMs = () => 60_000 + Math.floor(Math.random() * 9 * 60_000);

export interface ScheduledPruneDeps {
  sql: SqlPool;
  mediaStore: MediaStore;
  logger: Logger;
  /** WEBHOOK_LOG_RETENTION_DAYS. */
  retentionDays: number;
}

/**
 * The hourly round, wherever it runs: skipped when another process holds the lock, or when a
 * scheduled round finished within the last 54 minutes (ten processes each running it hourly still
 * make about one round an hour, and a long round is not run again right after).
 */
export async function pruneOnSchedule(deps: ScheduledPruneDeps, signal?: AbortSignal): Promise<PruneResult> {
  const result = await pruneOnce(deps, {
    olderThanDays: deps.retentionDays,
    scheduled: { skipIfRanWithinMs: PRUNE_INTERVAL_MS * 0.9 },
    signal,
  });
  if (result.outcome === 'skipped') deps.logger.debug({ reason: result.reason }, 'prune: round skipped');
  else deps.logger.info({ ...result.counts, complete: result.complete }, 'prune: round done');
  return result;
}

/**
 * Runs the scheduled round every hour (the first after a random 1–10 minutes) until `stop()`, which
 * ends a running round between two batches and resolves once it has. A failed round is logged and
 * tried again next time.
 */
export function startPeriodicPrune(deps: ScheduledPruneDeps & { intervalMs?: number; firstDelayMs?: number }): {
  stop(): Promise<void>;
} {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<unknown> = Promise.resolve();
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      round = pruneOnSchedule(deps, controller.signal)
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'prune: round failed'))
        .finally(() => {
          if (!controller.signal.aborted) schedule(deps.intervalMs ?? PRUNE_INTERVAL_MS);
        });
    }, delayMs);
    timer.unref();
  };
  schedule(deps.firstDelayMs ?? firstDelayMs());
  return {
    async stop() {
      controller.abort();
      clearTimeout(timer);
      await round;
    },
  };
}
