import type { Context } from 'aws-lambda';
import { createConfiguredMediaStore } from '../media/configured-media-store.js';
import { pruneOnSchedule } from '../retention/periodic-prune.js';
import type { PruneResult } from '../retention/prune.js';
import { type LambdaRuntime, once } from './lambda-runtime.js';

/** Time kept back from the function's timeout: the batch under way finishes, the pool is left in order. */
const STOP_BEFORE_TIMEOUT_MS = 30_000;

/**
 * The scheduled prune (EventBridge, hourly): the round `omni serve` and `omni-worker` run in-process,
 * under the same lock, so whichever comes first does it and the others skip. It starts no batch in
 * the last 30 s of the function's time: what it removed stays removed, and the next round carries on.
 */
export function createPruneHandler(open: () => Promise<LambdaRuntime>) {
  const ready = once(async () => {
    const runtime = await open();
    return { runtime, mediaStore: createConfiguredMediaStore(runtime.config) };
  });
  return async (_event?: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<PruneResult> => {
    const { runtime, mediaStore } = await ready();
    const signal = context
      ? AbortSignal.timeout(Math.max(0, context.getRemainingTimeInMillis() - STOP_BEFORE_TIMEOUT_MS))
      : undefined;
    return pruneOnSchedule(
      {
        sql: runtime.sql,
        mediaStore,
        logger: runtime.logger,
        retentionDays: runtime.config.retention.webhookLogDays,
      },
      signal,
    );
  };
}
