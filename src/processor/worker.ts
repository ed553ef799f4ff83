import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import { Consumer } from 'sqs-consumer';
import { decodeQueueMessage } from '../queue/queue-message.js';
import type { Sql } from '../store/database.js';
import { markFailed } from '../store/queue-logs.js';
import type { MessageBus } from './bus.js';
import { processQueueItem } from './process-queue-item.js';

export interface WorkerOptions {
  sql: Sql;
  sqs: SQSClient;
  bus: MessageBus;
  logger: Logger;
  queueUrl: string;
  /** The queue's redrive `maxReceiveCount`: the receive that fails at this count is the last. */
  maxReceiveCount: number;
  retryBaseSeconds: number;
  batchSize?: number;
  waitTimeSeconds?: number;
}

const MAX_BACKOFF_SECONDS = 900;

function receiveCount(message: Message): number {
  return Number(message.Attributes?.ApproximateReceiveCount ?? '1');
}

/** Exponential backoff by receive count; the last failure is released at once so it reaches the DLQ. */
export function retryDelaySeconds(count: number, base: number, maxReceiveCount: number): number {
  if (count >= maxReceiveCount) return 0;
  return Math.min(base * 2 ** (count - 1), MAX_BACKOFF_SECONDS);
}

/** The SQS consumer loop: one `processQueueItem` per message, failures retried through visibility. */
export function createWorker(options: WorkerOptions): Consumer {
  const { sql, bus, logger } = options;
  const consumer = Consumer.create({
    queueUrl: options.queueUrl,
    sqs: options.sqs,
    batchSize: options.batchSize ?? 10,
    waitTimeSeconds: options.waitTimeSeconds ?? 20,
    messageSystemAttributeNames: ['ApproximateReceiveCount'],
    terminateVisibilityTimeout: (messages) =>
      retryDelaySeconds(Math.max(...messages.map(receiveCount)), options.retryBaseSeconds, options.maxReceiveCount),
    async handleMessage(message) {
      const body = decodeQueueMessage(message.Body);
      if (!body) throw new Error(`not an Omni queue message: ${message.MessageId}`);
      const count = receiveCount(message);
      try {
        const outcome = await processQueueItem({ sql, bus }, body, count);
        logger.debug({ queueLogId: body.queueLogId, outcome }, 'worker: item done');
        return message;
      } catch (error) {
        const dead = count >= options.maxReceiveCount;
        const reason = error instanceof Error ? error.message : String(error);
        await markFailed(sql, body.queueLogId, reason, dead).catch((e: unknown) =>
          logger.error({ err: e, queueLogId: body.queueLogId }, 'worker: could not record the failure'),
        );
        logger.warn({ queueLogId: body.queueLogId, attempt: count, dead, reason }, 'worker: item failed');
        throw error;
      }
    },
  });
  consumer.on('error', (error) => logger.error({ err: error }, 'worker: SQS error'));
  consumer.on('processing_error', (error) => logger.debug({ err: error }, 'worker: message left for retry'));
  return consumer;
}
