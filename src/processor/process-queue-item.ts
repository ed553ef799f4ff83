import { storeCommitDuration } from '../observability/metrics.js';
import { OmniError } from '../errors.js';
import type { Jobs } from '../jobs/jobs.js';
import type { Outbox } from '../queue/outbox.js';
import type { QueueMessageBody } from '../queue/queue-message.js';
import { inTransaction, type SqlPool } from '../store/database.js';
import { fileItems } from '../store/file-batch.js';
import { claimProcessed, claimQueueLog } from '../store/queue-logs.js';
import { announceFiled } from './announce-filed.js';
import type { MessageBus } from './bus.js';

export type ProcessOutcome = 'processed' | 'already-processed';

/** What processing an inbound item needs; follow-up jobs are sent through `outbox` after commit (else the relay sends them). */
export interface ProcessDeps {
  sql: SqlPool;
  bus: MessageBus;
  jobs: Jobs;
  outbox?: Outbox;
}

/**
 * Processes one queued item: files it under its contact and conversation, applies its delivery
 * status (a status to its message, stored statuses to a message), marks its queue row
 * processed, NOTIFYs it to every process, auto-assigns the conversation it opened and stores the
 * jobs it calls for in the same transaction,
 * then emits it on the in-process bus. A second delivery of the same item
 * (SQS is at-least-once; DLQ replays) finds the row processed and changes nothing.
 */
export async function processQueueItem(
  deps: ProcessDeps,
  body: QueueMessageBody,
  attempt: number,
): Promise<ProcessOutcome> {
  const claimed = await claimQueueLog(deps.sql, body.queueLogId, attempt);
  if (!claimed) return 'already-processed';
  const endCommit = storeCommitDuration.startTimer({ operation: 'file' });
  const done = await inTransaction(deps.sql, async (sql) => {
    // Marked processed first, under the row's lock: a second copy of this message being handled at
    // the same time (a visibility timeout lapsed) waits here, then finds it processed and files nothing.
    const mine = await claimProcessed(sql, [{ queueLogId: body.queueLogId, attempt }]);
    if (mine.size === 0) return undefined;
    // The same filing step and ending as a batch's, for one item: one set of rules for both paths.
    const filed = await fileItems(sql, [body.messageId]);
    const [item] = filed.items;
    if (!item) throw new OmniError('OMNI_ERR_QUEUE_ITEM_MISSING', `message ${body.messageId} not found`);
    return { item, followUps: await announceFiled(sql, deps.jobs, filed, [body.queueLogId]) };
  });
  endCommit();
  if (!done) return 'already-processed';
  const { item: event, followUps } = done;
  deps.outbox?.sendInBackground(followUps);
  deps.bus.emit('message.received', event);
  return 'processed';
}
