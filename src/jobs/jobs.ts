import type { Sql } from '../store/database.js';
import type { QueueUnit } from '../store/ingest.js';
import { insertJobs } from '../store/jobs.js';
import type { FiledItem } from '../store/file-batch.js';
import type { FollowUpPlanner, JobHandlers, NewJob, ProcessedItem } from './types.js';

/** What a processor can do with jobs: run them by kind, and plan the ones processed items call for. */
export interface Jobs {
  handlers: JobHandlers;
  followUps: FollowUpPlanner[];
}

/** No handlers and no follow-ups: a processor that only files inbound items. */
export const NO_JOBS: Jobs = { handlers: {}, followUps: [] };

/**
 * Plans and stores, inside the processing transaction, the jobs these processed items call for;
 * `starters` are the messages among them that start a conversation. The planners run side by side:
 * their statements share the transaction's connection, sent together rather than one round trip
 * each; their jobs are stored in planner order.
 */
export async function enqueueFollowUps(
  tx: Sql,
  jobs: Jobs,
  items: FiledItem[],
  starters: ReadonlySet<number>,
): Promise<QueueUnit[]> {
  if (jobs.followUps.length === 0 || items.length === 0) return [];
  const processed: ProcessedItem[] = items.map((item) => ({
    ...item,
    startsConversation: starters.has(item.messageId),
  }));
  const planned: NewJob[][] = await Promise.all(jobs.followUps.map((plan) => plan(tx, processed)));
  return insertJobs(tx, planned.flat());
}
