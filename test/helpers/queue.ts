import { randomBytes } from 'node:crypto';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Test } from 'tap';
import { ensureQueues, type QueuePair } from '../../src/queue/queues.js';
import { createSqsClient } from '../../src/queue/sqs-client.js';
import { startEmbeddedSqs } from '../../src/runtime/embedded-sqs.js';
import { waitFor } from './wait-for.js';

export interface TestQueue extends QueuePair {
  sqs: SQSClient;
  endpoint: string;
}

/** A real SQS API (the fauxqs emulator on loopback) with a main queue and its DLQ, closed at teardown. */
export async function createTestQueue(
  t: Test,
  options: { maxReceiveCount?: number; visibilityTimeoutSeconds?: number; name?: string } = {},
): Promise<TestQueue> {
  const emulator = await startEmbeddedSqs();
  const sqs = createSqsClient({ region: 'us-east-1', endpoint: emulator.endpoint });
  const queues = await ensureQueues(sqs, {
    name: options.name ?? `omni-test-${randomBytes(4).toString('hex')}`,
    maxReceiveCount: options.maxReceiveCount ?? 3,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 5,
  });
  t.teardown(async () => {
    sqs.destroy();
    await emulator.stop();
  });
  return { ...queues, sqs, endpoint: emulator.endpoint };
}

const QUEUE_COUNTS = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const;

/**
 * Waits until the main queue holds nothing: no message waiting, in flight or delayed. Every message
 * sent before has then been handled and deleted, so nothing more can come of it: the barrier for
 * showing that something was not retried.
 */
export async function waitUntilDrained(queue: TestQueue): Promise<void> {
  await waitFor('the queue drained', async () => {
    const { Attributes = {} } = await queue.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.queueUrl, AttributeNames: [...QUEUE_COUNTS] }),
    );
    return QUEUE_COUNTS.every((count) => Attributes[count] === '0');
  });
}
