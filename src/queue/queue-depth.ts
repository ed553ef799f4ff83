import { GetQueueAttributesCommand, type QueueAttributeName, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueuePair } from './queues.js';

/** A queue pair with the client that reaches it: what reads the queue's state need. */
export interface QueueRef extends QueuePair {
  sqs: SQSClient;
}

/** SQS's approximate counts: the main queue's messages waiting, being processed and delayed, and the DLQ's. */
export interface QueueDepth {
  waiting: number;
  inFlight: number;
  delayed: number;
  deadLetters: number;
}

async function attributes(sqs: SQSClient, queueUrl: string, names: QueueAttributeName[], signal?: AbortSignal) {
  const result = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: names }), {
    abortSignal: signal,
  });
  return result.Attributes ?? {};
}

/** Both queues' counts, by one GetQueueAttributes each; `signal` gives up on a queue that does not answer. */
export async function readQueueDepth(queue: QueueRef, signal?: AbortSignal): Promise<QueueDepth> {
  const [main, dead] = await Promise.all([
    attributes(
      queue.sqs,
      queue.queueUrl,
      ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      signal,
    ),
    attributes(queue.sqs, queue.deadLetterQueueUrl, ['ApproximateNumberOfMessages'], signal),
  ]);
  return {
    waiting: Number(main.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(main.ApproximateNumberOfMessagesNotVisible ?? 0),
    delayed: Number(main.ApproximateNumberOfMessagesDelayed ?? 0),
    deadLetters: Number(dead.ApproximateNumberOfMessages ?? 0),
  };
}

/** Whether the main queue answers at all: one cheap GetQueueAttributes, for readiness. */
export async function pingQueue(queue: Pick<QueueRef, 'sqs' | 'queueUrl'>, signal?: AbortSignal): Promise<void> {
  await attributes(queue.sqs, queue.queueUrl, ['QueueArn'], signal);
}
