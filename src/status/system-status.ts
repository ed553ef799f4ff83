import { readQueueDepth, type QueueDepth, type QueueRef } from '../queue/queue-depth.js';
import type { Sql } from '../store/database.js';
import { attentionReasons } from './attention.js';
import { type DatabaseStatus, readDatabaseStatus } from './database-status.js';

/** The queue as the status saw it: its counts, no answer, or none configured (an embedded queue lives inside `omni serve`). */
export type QueueStatus =
  | { state: 'ok'; depth: QueueDepth }
  | { state: 'unreachable'; error: string }
  | { state: 'not-configured' };

/** One summary of Omni's health, the same for `omni status` and `GET /api/status`. */
export interface SystemStatus extends DatabaseStatus {
  at: string;
  queue: QueueStatus;
  /** What needs an operator (attention.ts); empty when all is well. */
  attention: string[];
}

/** How long the status waits for SQS before calling it unreachable. */
const QUEUE_TIMEOUT_MS = 5000;

async function readQueueStatus(queue: QueueRef | undefined): Promise<QueueStatus> {
  if (!queue) return { state: 'not-configured' };
  try {
    return { state: 'ok', depth: await readQueueDepth(queue, AbortSignal.timeout(QUEUE_TIMEOUT_MS)) };
  } catch (error) {
    return { state: 'unreachable', error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Reads the database and the queue side by side. A queue that does not answer is part of the
 * answer (and needs attention); a database that does not answer fails the whole read, as every
 * other part of the status comes from it.
 */
export async function readSystemStatus(sql: Sql, queue: QueueRef | undefined): Promise<SystemStatus> {
  const [database, queueStatus] = await Promise.all([readDatabaseStatus(sql), readQueueStatus(queue)]);
  return {
    at: new Date().toISOString(),
    queue: queueStatus,
    ...database,
    attention: attentionReasons(database, queueStatus),
  };
}
