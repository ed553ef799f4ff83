import type { Sql } from '../store/database.js';
import type { QueueUnit } from '../store/ingest.js';
import { insertJobs } from '../store/jobs.js';
import type { FiledItem } from '../store/file-batch.js';
import type { ProcessedEvent } from '../realtime/processed-event.js';
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
 * `announced` is what announcing them said (which of them started a conversation).
 */
export async function enqueueFollowUps(
  tx: Sql,
  jobs: Jobs,
  items: FiledItem[],
  announced: ProcessedEvent[],
): Promise<QueueUnit[]> {
  if (jobs.followUps.length === 0 || items.length === 0) return [];
  const starters = new Set(announced.filter((e) => e.name === 'conversation.created').map((e) => e.messageId));
  const processed: ProcessedItem[] = items.map((item) => ({
    ...item,
    startsConversation: starters.has(item.messageId),
  }));
  const planned: NewJob[] = [];
  for (const plan of jobs.followUps) planned.push(...(await plan(tx, processed)));
  return insertJobs(tx, planned);
}
