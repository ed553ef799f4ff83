import { trySessionLock } from './advisory-lock.js';
import type { SqlPool } from './database.js';

/** The advisory lock key of a prune round: one process prunes at a time, across every server and worker. */
const PRUNE_LOCK_KEY = 7_016_100_001;

/** Takes the prune lock without waiting (see `trySessionLock`); undefined when another process holds it. */
export function tryPruneLock(sql: SqlPool): Promise<(() => Promise<void>) | undefined> {
  return trySessionLock(sql, PRUNE_LOCK_KEY);
}
