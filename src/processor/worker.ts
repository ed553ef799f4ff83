import { ChangeMessageVisibilityBatchCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import { Consumer } from 'sqs-consumer';
import type { Jobs } from '../jobs/jobs.js';
import type { Outbox } from '../queue/outbox.js';
import type { SqlPool } from '../store/database.js';
import type { MessageBus } from './bus.js';
import { decodeQueueMessage, TRACE_ATTRIBUTES } from '../queue/queue-message.js';
import { handleQueueMessage, polledTrace, receiveCount, retryDelaySeconds } from './handle-queue-message.js';
import { createBatchGatherer } from './batch-gatherer.js';
import { processQueueBatch } from './process-queue-batch.js';
import pLimit from 'p-limit';

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
  /** SQS receives in flight at once (`RECEIVERS` by default). */
  receivers?: number;
}

/**
 * The worker: several SQS receivers sharing one message handler. Their inbound batches are filed
 * together (`createBatchGatherer`).
 */
export interface QueueWorker {
  start(): void;
  /** Resolves once every receiver has finished its in-flight messages. */
  stop(): Promise<void>;
  /** Every receiver is polling (started, not stopped, not stopped by an error). */
  readonly running: boolean;
  /** `empty`: a receive found the queue empty (`omni-worker consume --once` stops then). */
  once(event: 'empty', listener: () => void): void;
}

/**
 * Receives wait on SQS (a long poll, then the delete) while others' messages are filed, and the
 * batches that arrive during one filing go together in the next: with sixteen, a busy worker files
 * ~150 items per transaction (0.9 ms of worker and 0.85 ms of PostgreSQL CPU per item, against
 * 1.2 and 1.3 with four receivers and 10-20 per transaction; bench/worker-scale.mjs). On a FIFO
 * queue, order holds however many receive: SQS hands out none of a group's messages while one of
 * them is in flight.
 */
const RECEIVERS = 16;
/** Items filed in one transaction at most: several receives' batches. */
const MAX_GATHERED_ITEMS = 200;
/**
 * Filing transactions in flight at once. One: the batches gather while it runs, and every
 * transaction ends under the one event-order lock anyway.
 */
const FILING_RUNNERS = 1;

/**
 * Messages handled one by one (jobs, FIFO groups, a failed shared filing) at once per process, across
 * all receivers: what one receiver's batch allowed before there were sixteen. Jobs call out and hold
 * a database connection while they wait (a send slot, a platform's answer); 160 at once starved the
 * pool, came late to their send slots and went round the queue again.
 */
const ONE_BY_ONE_AT_ONCE = 10;

/**
 * How long `stop()` lets in-flight messages finish before giving up on them (they then reappear).
 * The deployments' termination grace periods are sized from it (deploy/kubernetes, deploy/dashboard).
 */
export const IN_FLIGHT_GRACE_MS = 25_000;

/**
 * The SQS consumer loops. A received batch of inbound items is filed with the batches other
 * receives brought meanwhile, in one transaction; a batch with jobs or FIFO groups, or one whose
 * shared transaction failed, is handled item by item: the items that succeed are deleted in one
 * call, and each failed one gets its own backoff through a visibility change, so one bad message
 * never retries its batch mates.
 */
export function createWorker(options: WorkerOptions): QueueWorker {
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

  const oneByOne = pLimit(ONE_BY_ONE_AT_ONCE);
  const fileGathered = createBatchGatherer(
    (entries: Parameters<typeof processQueueBatch>[1]) => processQueueBatch(deps, entries),
    { maxEntries: MAX_GATHERED_ITEMS, runners: FILING_RUNNERS },
  );

  const consumers = Array.from({ length: options.receivers ?? RECEIVERS }, () =>
    Consumer.create({
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
        /**
         * Groups (conversations, on a FIFO queue) run side by side; within a group, in order, and a
         * failure holds back the rest of its group so nothing overtakes it. A standard queue has no
         * groups: every message is its own.
         */
        async function handleEach(list: Message[]): Promise<void> {
          const groups = new Map<string, Message[]>();
          list.forEach((m, i) => {
            const key = m.Attributes?.MessageGroupId ?? String(i);
            groups.set(key, [...(groups.get(key) ?? []), m]);
          });
          await Promise.all(
            [...groups.values()].map(async (group) => {
              for (const message of group) {
                const error = await oneByOne(() =>
                  handleQueueMessage(deps, {
                    messageId: message.MessageId,
                    body: message.Body,
                    receiveCount: receiveCount(message),
                    trace: polledTrace(message),
                  }),
                ).then(
                  () => undefined,
                  (e: unknown) => e ?? new Error('failed'),
                );
                if (error) return void failed.push({ message, error });
                handled.add(message);
              }
            }),
          );
        }
        // Fast path, on a standard queue (a FIFO queue's groups must go in order): the inbound items
        // are filed together, with other receives' items; jobs, which each call out to somebody, go
        // one by one meanwhile. If the shared filing fails, its items go one by one too.
        const unordered = messages.every((m) => !m.Attributes?.MessageGroupId);
        const items = unordered
          ? messages.flatMap((message) => {
              const body = decodeQueueMessage(message.Body);
              const entry = { body, attempt: receiveCount(message), trace: polledTrace(message) };
              return body && !body.job ? [{ message, entry: { ...entry, body } }] : [];
            })
          : [];
        const together = new Set(items.map((i) => i.message));
        const [filed] = await Promise.all([
          items.length > 0 &&
            fileGathered(items.map((i) => i.entry)).then(
              () => true,
              (error: unknown) => {
                logger.debug({ err: error }, 'worker: batch failed, handling its items one by one');
                return false;
              },
            ),
          handleEach(messages.filter((m) => !together.has(m))),
        ]);
        if (filed) for (const message of together) handled.add(message);
        else await handleEach([...together]);
        await backOff(failed);
        return messages.filter((m) => handled.has(m));
      },
    }),
  );
  for (const consumer of consumers) consumer.on('error', (error) => logger.error({ err: error }, 'worker: SQS error'));
  return {
    start: () => {
      for (const consumer of consumers) consumer.start();
    },
    stop: () => Promise.all(consumers.map(stopConsumer)).then(() => undefined),
    get running() {
      return consumers.every((consumer) => consumer.status.isRunning);
    },
    once: (event, listener) => {
      let told = false;
      for (const consumer of consumers)
        consumer.once(event, () => {
          if (!told) listener();
          told = true;
        });
    },
  };
}

/** Resolves once the consumer has finished its in-flight messages. */
function stopConsumer(consumer: Consumer): Promise<void> {
  return new Promise((resolve) => {
    if (!consumer.status.isRunning) return resolve();
    consumer.once('stopped', () => resolve());
    consumer.stop();
  });
}

/** Resolves once the worker has finished its in-flight messages. */
export function stopWorker(worker: QueueWorker): Promise<void> {
  return worker.stop();
}
