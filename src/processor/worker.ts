import { ChangeMessageVisibilityBatchCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import { Consumer } from 'sqs-consumer';
import type { Jobs } from '../jobs/jobs.js';
import type { Outbox } from '../queue/outbox.js';
import type { SqlPool } from '../store/database.js';
import type { MessageBus } from './bus.js';
import { decodeQueueMessage, TRACE_ATTRIBUTES } from '../queue/queue-message.js';
import { handleQueueMessage, polledTrace, receiveCount, retryDelaySeconds } from './handle-queue-message.js';
import { processQueueBatch } from './process-queue-batch.js';

export interface WorkerOptions {
  sql: SqlPool;
  sqs: SQSClient;
  bus: MessageBus;
  logger: Logger;
  queueUrl: string;
  /** Job handlers and follow-up planners; the outbox sends follow-up jobs as soon as they commit. */
  jobs: Jobs;
  outbox?: Outbox;
  /** The queue's redrive `maxReceiveCount`: the receive that fails at this count is the last. */
  maxReceiveCount: number;
  retryBaseSeconds: number;
  batchSize?: number;
  waitTimeSeconds?: number;
}

/**
 * How long `stop()` lets in-flight messages finish before giving up on them (they then reappear).
 * The deployments' termination grace periods are sized from it (deploy/kubernetes, deploy/dashboard).
 */
export const IN_FLIGHT_GRACE_MS = 25_000;

/**
 * The SQS consumer loop. Each received batch is handled item by item: the items that succeed are
 * deleted in one call, and each failed one gets its own backoff through a visibility change, so one
 * bad message never retries its batch mates.
 */
export function createWorker(options: WorkerOptions): Consumer {
  const { sql, sqs, bus, logger, queueUrl } = options;
  const deps = {
    sql,
    bus,
    logger,
    jobs: options.jobs,
    outbox: options.outbox,
    maxReceiveCount: options.maxReceiveCount,
  };

  async function backOff(failed: { message: Message; error: unknown }[]): Promise<void> {
    if (failed.length === 0) return;
    await sqs
      .send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queueUrl,
          Entries: failed.map(({ message, error }, i) => ({
            Id: String(i),
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: retryDelaySeconds(
              receiveCount(message),
              options.retryBaseSeconds,
              options.maxReceiveCount,
              error,
            ),
          })),
        }),
      )
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'worker: could not set retry delays; the queue default applies'),
      );
  }

  const consumer = Consumer.create({
    queueUrl,
    sqs,
    batchSize: options.batchSize ?? 10,
    waitTimeSeconds: options.waitTimeSeconds ?? 20,
    pollingCompleteWaitTimeMs: IN_FLIGHT_GRACE_MS,
    messageSystemAttributeNames: ['ApproximateReceiveCount', 'MessageGroupId'],
    messageAttributeNames: TRACE_ATTRIBUTES,
    async handleMessageBatch(messages) {
      const handled = new Set<Message>();
      const failed: { message: Message; error: unknown }[] = [];
      // Fast path: a batch of inbound items in one transaction (not FIFO groups, which must go in
      // order, nor jobs, which each call out to somebody).
      const unordered = messages.every((m) => !m.Attributes?.MessageGroupId);
      const entries = messages.flatMap((m) => {
        const body = decodeQueueMessage(m.Body);
        return body && !body.job ? [{ body, attempt: receiveCount(m), trace: polledTrace(m) }] : [];
      });
      if (unordered && entries.length === messages.length) {
        const done = await processQueueBatch(deps, entries).then(
          () => true,
          (error: unknown) => {
            logger.debug({ err: error }, 'worker: batch failed, handling its items one by one');
            return false;
          },
        );
        if (done) return messages;
      }
      // Groups (conversations, on a FIFO queue) run side by side; within a group, in order, and a
      // failure holds back the rest of its group so nothing overtakes it. A standard queue has no
      // groups: every message is its own.
      const groups = new Map<string, Message[]>();
      messages.forEach((m, i) => {
        const key = m.Attributes?.MessageGroupId ?? String(i);
        groups.set(key, [...(groups.get(key) ?? []), m]);
      });
      await Promise.all(
        [...groups.values()].map(async (group) => {
          for (const message of group) {
            const error = await handleQueueMessage(deps, {
              messageId: message.MessageId,
              body: message.Body,
              receiveCount: receiveCount(message),
              trace: polledTrace(message),
            }).then(
              () => undefined,
              (e: unknown) => e ?? new Error('failed'),
            );
            if (error) return void failed.push({ message, error });
            handled.add(message);
          }
        }),
      );
      await backOff(failed);
      return messages.filter((m) => handled.has(m));
    },
  });
  consumer.on('error', (error) => logger.error({ err: error }, 'worker: SQS error'));
  return consumer;
}

/** Resolves once the consumer has finished its in-flight messages. */
export function stopWorker(worker: Consumer): Promise<void> {
  return new Promise((resolve) => {
    if (!worker.status.isRunning) return resolve();
    worker.once('stopped', () => resolve());
    worker.stop();
  });
}
