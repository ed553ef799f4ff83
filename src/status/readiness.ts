import { pingQueue, type QueueRef } from '../queue/queue-depth.js';
import type { Sql } from '../store/database.js';

/** One dependency's answer: fine, or the reason it is not. */
export type ReadinessCheck = { ok: true } | { ok: false; error: string };

/** What `/readyz` answers: ready when every dependency checked answered in time. */
export interface Readiness {
  ready: boolean;
  checks: { database: ReadinessCheck; queue?: ReadinessCheck };
}

/** How long each dependency has to answer: a load balancer's probe wants a quick no rather than a hang. */
export const READINESS_TIMEOUT_MS = 2000;

async function check(what: string, attempt: (signal: AbortSignal) => Promise<unknown>): Promise<ReadinessCheck> {
  const signal = AbortSignal.timeout(READINESS_TIMEOUT_MS);
  const timedOut = new Promise<never>((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(new Error(`${what} did not answer in ${READINESS_TIMEOUT_MS} ms`))),
  );
  const attempted = attempt(signal);
  // Whichever loses the race still settles later; its rejection is already answered for.
  attempted.catch(() => {});
  timedOut.catch(() => {});
  try {
    await Promise.race([attempted, timedOut]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** `select 1` on the pool and GetQueueAttributes on the main queue (when the process has one), side by side. */
export async function checkReadiness(sql: Sql, queue: QueueRef | undefined): Promise<Readiness> {
  const [database, queueCheck] = await Promise.all([
    check('the database', async () => sql`select 1`),
    queue ? check('the queue', (signal) => pingQueue(queue, signal)) : undefined,
  ]);
  const checks = queueCheck ? { database, queue: queueCheck } : { database };
  return { ready: database.ok && (queueCheck?.ok ?? true), checks };
}
