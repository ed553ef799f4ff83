import type { Sql } from '../store/database.js';
import type { QueueUnit } from '../store/ingest.js';
import { insertJobs } from '../store/jobs.js';
import type { FiledItem } from '../store/file-batch.js';
import type { FollowUpPlanner, JobHandlers, NewJob } from './types.js';

/** What a processor can do with jobs: run them by kind, and plan the ones processed items call for. */
export interface Jobs {
  handlers: JobHandlers;
  followUps: FollowUpPlanner[];
}

/** No handlers and no follow-ups: a processor that only files inbound items. */
export const NO_JOBS: Jobs = { handlers: {}, followUps: [] };

/** Plans and stores, inside the processing transaction, the jobs these processed items call for. */
export async function enqueueFollowUps(tx: Sql, jobs: Jobs, items: FiledItem[]): Promise<QueueUnit[]> {
  if (jobs.followUps.length === 0 || items.length === 0) return [];
  const planned: NewJob[] = [];
  for (const plan of jobs.followUps) planned.push(...(await plan(tx, items)));
  return insertJobs(tx, planned);
}
