import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createConfiguredJobs } from '../runtime/configured-jobs.js';
import { MessageBus } from '../processor/bus.js';
import { handleQueueMessage, retryDelaySeconds } from '../processor/handle-queue-message.js';
import { messageTrace } from '../queue/queue-message.js';
import { readMaxReceiveCount } from '../queue/queues.js';
import type { LambdaRuntime } from './lambda-runtime.js';
import { once } from './lambda-runtime.js';

/**
 * The processor Lambda, fed by the SQS event source with ReportBatchItemFailures: each record goes
 * through the worker's own `handleQueueMessage`, and only the records that failed are reported, so
 * SQS deletes the rest and redelivers (and finally dead-letters) just those.
 */
export function createProcessorHandler(open: () => Promise<LambdaRuntime>) {
  const ready = once(async () => {
    const runtime = await open();
    // Read once per cold start: the queue's own redrive policy decides which failure is the last.
    const maxReceiveCount = await readMaxReceiveCount(runtime.sqs, runtime.queueUrl, runtime.config.maxReceiveCount);
    const channels = await runtime.channels();
    const jobs = createConfiguredJobs(runtime.config, {
      sql: runtime.sql,
      logger: runtime.logger,
      channels: channels.directory,
    });
    return { runtime, channels, maxReceiveCount, bus: new MessageBus(), jobs };
  });

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const { runtime, channels, maxReceiveCount, bus, jobs } = await ready();
    await channels.freshen();
    const { sql, logger } = runtime;

    /** The worker's backoff: without it a failed record waits out the whole visibility timeout. */
    async function delayRetry(record: SQSRecord, count: number, error: unknown): Promise<void> {
      const delay = retryDelaySeconds(count, runtime.config.retryBaseSeconds, maxReceiveCount, error);
      await runtime.sqs
        .send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: runtime.queueUrl,
            ReceiptHandle: record.receiptHandle,
            VisibilityTimeout: delay,
          }),
        )
        .catch((error: unknown) =>
          logger.warn({ err: error, messageId: record.messageId }, 'processor: could not set the retry delay'),
        );
    }

    const outcomes = await Promise.all(
      event.Records.map(async (record): Promise<SQSBatchItemFailure | undefined> => {
        const count = Number(record.attributes.ApproximateReceiveCount || '1');
        try {
          const deps = { sql, bus, logger, jobs, outbox: runtime.outbox, maxReceiveCount };
          await handleQueueMessage(deps, {
            messageId: record.messageId,
            body: record.body,
            receiveCount: count,
            trace: messageTrace((name) => record.messageAttributes[name]?.stringValue),
          });
          return undefined;
        } catch (error) {
          await delayRetry(record, count, error);
          return { itemIdentifier: record.messageId };
        }
      }),
    );
    const batchItemFailures = outcomes.filter((failure): failure is SQSBatchItemFailure => failure !== undefined);
    logger.info({ records: event.Records.length, failed: batchItemFailures.length }, 'processor: batch done');
    // Follow-up jobs were sent in the background: finish those sends, then export the spans.
    await runtime.outbox.drain();
    await runtime.tracing.flush();
    return { batchItemFailures };
  };
}
