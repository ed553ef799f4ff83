import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import { dlqDepth } from '../observability/metrics.js';
import { trySessionLock } from '../store/advisory-lock.js';
import type { SqlPool } from '../store/database.js';
import { countDeadLetters } from './dlq-replay.js';

/** The advisory lock key of the DLQ poller: one process asks SQS, however many servers and workers run. */
const DLQ_POLL_LOCK_KEY = 7_016_100_002;
/** How often `omni_dlq_depth` is refreshed. */
export const DLQ_POLL_INTERVAL_MS = 30_000;

export interface DlqDepthPoller {
  /** Ends polling after the round in flight, and lets another process take over. */
  stop(): Promise<void>;
}

/**
 * Sets `omni_dlq_depth` from SQS's GetQueueAttributes now and every `intervalMs`, in one process
 * only: each round, a process that does not poll yet tries the poller's advisory lock, and the one
 * holding it polls. When that process ends, its session and so the lock go with it, and another
 * takes over at its next round. A round that fails (SQS or PostgreSQL down) drops the lock, so a
 * lock lost with its connection is taken again rather than trusted.
 */
export function startDlqDepthPoller(deps: {
  sql: SqlPool;
  sqs: SQSClient;
  deadLetterQueueUrl: string;
  logger: Pick<Logger, 'warn'>;
  intervalMs?: number;
}): DlqDepthPoller {
  let release: (() => Promise<void>) | undefined;

  async function round(): Promise<void> {
    try {
      release ??= await trySessionLock(deps.sql, DLQ_POLL_LOCK_KEY);
      if (release) dlqDepth.set(await countDeadLetters(deps.sqs, deps.deadLetterQueueUrl));
    } catch (error) {
      deps.logger.warn({ err: error }, 'metrics: could not read the DLQ depth');
      await letGo();
    }
  }

  async function letGo(): Promise<void> {
    const held = release;
    release = undefined;
    await held?.().catch(() => {});
  }

  let running = round();
  const timer = setInterval(() => {
    running = running.then(round);
  }, deps.intervalMs ?? DLQ_POLL_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await letGo();
    },
  };
}
