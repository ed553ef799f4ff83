import type { SqlPool } from './database.js';

/**
 * Takes the session advisory lock `key` without waiting, on a connection reserved for it (an
 * advisory lock belongs to the session that took it; a process that dies ends its session and so
 * frees the lock). Returns the release, or undefined when another session holds the lock.
 */
export async function trySessionLock(sql: SqlPool, key: number): Promise<(() => Promise<void>) | undefined> {
  const session = await sql.reserve();
  try {
    const [row] = await session<{ locked: boolean }[]>`select pg_try_advisory_lock(${key}) as locked`;
    if (row.locked) {
      return async () => {
        try {
          await session`select pg_advisory_unlock(${key})`;
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
