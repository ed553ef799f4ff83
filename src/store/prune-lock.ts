import type { SqlPool } from './database.js';

/** The advisory lock key of a prune round: one process prunes at a time, across every server and worker. */
const PRUNE_LOCK_KEY = 7_016_100_001;

/**
 * Takes the prune lock without waiting, on a connection reserved for it (an advisory lock belongs to
 * the session that took it; a process that dies ends its session and so frees the lock). Returns the
 * release, or undefined when another process holds the lock.
 */
export async function tryPruneLock(sql: SqlPool): Promise<(() => Promise<void>) | undefined> {
  const session = await sql.reserve();
  try {
    const [row] = await session<{ locked: boolean }[]>`select pg_try_advisory_lock(${PRUNE_LOCK_KEY}) as locked`;
    if (row.locked) {
      return async () => {
        try {
          await session`select pg_advisory_unlock(${PRUNE_LOCK_KEY})`;
        } finally {
          session.release();
        }
      };
    }
  } catch (error) {
    session.release();
    throw error;
  }
  session.release();
  return undefined;
}
