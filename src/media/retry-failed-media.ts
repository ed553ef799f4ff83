import type { Outbox } from '../queue/outbox.js';
import { resetFailedAttachments } from '../store/attachments.js';
import { inTransaction, type SqlPool } from '../store/database.js';
import { insertJobs } from '../store/jobs.js';
import { fetchMediaJob } from './plan-media-fetches.js';

/**
 * `omni media retry`: puts failed attachments (failed at or after `since`) back to pending with a
 * new fetch job each, in one transaction, then hands the jobs to the queue. Without an outbox (the
 * queue is embedded in a running `omni serve`), and for any send lost here, the relay sends the
 * committed rows. Returns how many were re-queued.
 */
export async function retryFailedMedia(
  sql: SqlPool,
  outbox: Outbox | undefined,
  options: { since?: Date } = {},
): Promise<number> {
  const units = await inTransaction(sql, async (tx) => {
    const reset = await resetFailedAttachments(tx, options.since);
    return insertJobs(tx, reset.map(fetchMediaJob));
  });
  await outbox?.send(units);
  return units.length;
}
