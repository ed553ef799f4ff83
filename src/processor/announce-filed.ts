import { assignOpenedConversations } from '../assignment/assign-conversations.js';
import { enqueueFollowUps, type Jobs } from '../jobs/jobs.js';
import { announceProcessed, conversationStarters, nameProcessed } from '../realtime/announce-processed.js';
import type { Sql } from '../store/database.js';
import type { FiledBatch } from '../store/file-batch.js';
import type { QueueUnit } from '../store/ingest.js';

/**
 * The end of a processing transaction, once its items are filed and their queue rows processed:
 * names their events, stores the follow-up jobs they call for, stamps and NOTIFYs the events and
 * hands out the conversations the filing opened. Answers the jobs, for the outbox after commit.
 *
 * The event-order lock (taken by the stamp) serialises every process's commits, so it is taken as
 * late as it can be: when nothing was opened, the jobs are planned before it and it is held only
 * for the stamp, the notify and the commit. When a conversation was opened, its assignment comes
 * after the items' own events (a dashboard hears of a conversation before of its assignment) and
 * the jobs after the assignment (an endpoint's conversation shows its assignee), all under the lock.
 */
export async function announceFiled(
  tx: Sql,
  jobs: Jobs,
  filed: FiledBatch,
  queueLogIds: number[],
): Promise<QueueUnit[]> {
  const names = await nameProcessed(tx, queueLogIds);
  const starters = conversationStarters(names);
  if (filed.opened.length === 0) {
    const followUps = await enqueueFollowUps(tx, jobs, filed.items, starters);
    await announceProcessed(tx, queueLogIds, names);
    return followUps;
  }
  await announceProcessed(tx, queueLogIds, names);
  await assignOpenedConversations(tx, filed.opened);
  return enqueueFollowUps(tx, jobs, filed.items, starters);
}
