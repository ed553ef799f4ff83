import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface QueuePair {
  queueUrl: string;
  deadLetterQueueUrl: string;
}

/**
 * Creates (or finds) the main queue and its DLQ with a redrive policy; used for the embedded emulator,
 * `omni create-queues` and tests. A name ending in `.fifo` makes both FIFO queues (a FIFO queue's DLQ
 * must be FIFO too).
 */
export async function ensureQueues(
  sqs: SQSClient,
  options: { name: string; maxReceiveCount: number; visibilityTimeoutSeconds?: number },
): Promise<QueuePair> {
  const fifo = options.name.endsWith('.fifo');
  const base = fifo ? options.name.slice(0, -'.fifo'.length) : options.name;
  const fifoAttributes = fifo ? { FifoQueue: 'true' } : {};
  const dlq = await sqs.send(
    new CreateQueueCommand({ QueueName: `${base}-dlq${fifo ? '.fifo' : ''}`, Attributes: fifoAttributes }),
  );
  const dlqAttributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: options.name,
      Attributes: {
        ...fifoAttributes,
        VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqAttributes.Attributes?.QueueArn,
          maxReceiveCount: options.maxReceiveCount,
        }),
      },
    }),
  );
  return { queueUrl: urlOf(main, options.name), deadLetterQueueUrl: urlOf(dlq, `${base}-dlq`) };
}

/** CreateQueue answers with the queue's URL on success; the SDK types it optional, so say so if it ever is not. */
function urlOf(created: { QueueUrl?: string }, name: string): string {
  if (!created.QueueUrl) throw new Error(`SQS created queue ${name} but answered no QueueUrl`);
  return created.QueueUrl;
}

/** The queue's own `maxReceiveCount`, so the worker knows which failure is the last (then marks it dead). */
export async function readMaxReceiveCount(sqs: SQSClient, queueUrl: string, fallback: number): Promise<number> {
  const result = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
  );
  const policy = result.Attributes?.RedrivePolicy;
  if (!policy) return fallback;
  const parsed = JSON.parse(policy) as { maxReceiveCount?: number | string };
  const count = Number(parsed.maxReceiveCount);
  return Number.isInteger(count) && count > 0 ? count : fallback;
}
