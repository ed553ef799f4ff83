import { SpanKind } from '@opentelemetry/api';
import { storeCommitDuration } from '../observability/metrics.js';
import { OmniError } from '../errors.js';
import { batchParent, contextOf, inSpan, type TraceCarrier } from '../observability/tracing-spans.js';
import type { QueueMessageBody } from '../queue/queue-message.js';
import { inTransaction } from '../store/database.js';
import { fileItems } from '../store/file-batch.js';
import { claimProcessed } from '../store/queue-logs.js';
import { announceFiled } from './announce-filed.js';
import type { ProcessDeps } from './process-queue-item.js';

/**
 * Processes a received batch in one transaction of a few statements (instead of one transaction of
 * ten per item), its rows claimed and marked processed in that transaction, with the same outcome as `processQueueItem` for each: filed, status applied, queue
 * row processed, NOTIFYed to every process, one bus event each, the conversations it opened
 * auto-assigned. Already-processed items are skipped. Throws if anything fails; the
 * caller then processes the items one by one, so a bad item cannot hold back its batch mates.
 */
export function processQueueBatch(
  deps: ProcessDeps,
  entries: { body: QueueMessageBody; attempt: number; trace?: TraceCarrier }[],
): Promise<void> {
  const { parent, links } = batchParent(entries.map((e) => contextOf(e.trace)));
  const attributes = { 'messaging.system': 'aws_sqs', 'messaging.batch.message_count': entries.length };
  return inSpan('queue process batch', { kind: SpanKind.CONSUMER, parent, links, attributes }, () =>
    processClaimed(deps, entries),
  );
}

async function processClaimed(
  deps: ProcessDeps,
  entries: { body: QueueMessageBody; attempt: number }[],
): Promise<void> {
  const endCommit = storeCommitDuration.startTimer({ operation: 'file' });
  const { filed, followUps } = await inTransaction(deps.sql, async (sql) => {
    const claimed = await claimProcessed(
      sql,
      entries.map((e) => ({ queueLogId: e.body.queueLogId, attempt: e.attempt })),
    );
    // Two receives of one message can meet in a gathered batch (a visibility timeout lapsed): the
    // row is claimed once, and only its first copy is filed.
    const work = entries.filter((e) => claimed.delete(e.body.queueLogId));
    if (work.length === 0) return { filed: [], followUps: [] };
    const batch = await fileItems(
      sql,
      work.map((e) => e.body.messageId),
    );
    if (batch.items.length !== work.length)
      throw new OmniError('OMNI_ERR_QUEUE_ITEM_MISSING', 'a batch item is not in the store');
    const queueLogIds = work.map((e) => e.body.queueLogId);
    return { filed: batch.items, followUps: await announceFiled(sql, deps.jobs, batch, queueLogIds) };
  });
  endCommit();
  deps.outbox?.sendInBackground(followUps);
  for (const item of filed) deps.bus.emit('message.received', item);
}
