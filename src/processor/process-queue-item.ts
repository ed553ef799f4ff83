import { OmniError } from '../errors.js';
import { announceProcessed } from '../realtime/announce-processed.js';
import type { QueueMessageBody } from '../queue/queue-message.js';
import type { Sql } from '../store/database.js';
import { fileItems } from '../store/file-batch.js';
import { claimQueueLog, markProcessed } from '../store/queue-logs.js';
import type { MessageBus } from './bus.js';

export type ProcessOutcome = 'processed' | 'already-processed';

/**
 * Processes one queued item: files it under its contact and conversation, applies its delivery
 * status (a status to its message, stored statuses to a message), marks its queue row
 * processed and NOTIFYs it to every process in the same transaction, then emits it on the
 * in-process bus. A second delivery of the same item
 * (SQS is at-least-once; DLQ replays) finds the row processed and changes nothing.
 */
export async function processQueueItem(
  deps: { sql: Sql; bus: MessageBus },
  body: QueueMessageBody,
  attempt: number,
): Promise<ProcessOutcome> {
  const claimed = await claimQueueLog(deps.sql, body.queueLogId, attempt);
  if (!claimed) return 'already-processed';
  const event = await deps.sql.begin(async (tx) => {
    const sql = tx as unknown as Sql;
    // The same filing step as a batch's, for one item: one set of rules for both paths.
    const [item] = await fileItems(sql, [body.messageId]);
    if (!item) throw new OmniError('OMNI_ERR_QUEUE_ITEM_MISSING', `message ${body.messageId} not found`);
    await markProcessed(sql, body.queueLogId);
    await announceProcessed(sql, [body.queueLogId]);
    return item;
  });
  deps.bus.emit('message.received', event);
  return 'processed';
}
