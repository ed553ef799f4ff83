import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Sql } from '../store/database.js';
import { markRequeued } from '../store/queue-logs.js';
import { decodeQueueMessage } from './queue-message.js';

export interface ReplayOptions {
  sqs: SQSClient;
  sql: Sql;
  deadLetterQueueUrl: string;
  queueUrl: string;
  limit?: number;
  onProgress?: (moved: number) => void;
}

/** How many messages wait in the DLQ (SQS's approximate count). */
export async function countDeadLetters(sqs: SQSClient, deadLetterQueueUrl: string): Promise<number> {
  const result = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(result.Attributes?.ApproximateNumberOfMessages ?? 0);
}

/**
 * Moves DLQ messages back to the main queue by receive, re-send, delete — which works on AWS and on
 * any emulator. A message is deleted from the DLQ only after its re-send succeeded, so a crash can
 * at worst duplicate it, and processing is idempotent. Returns how many were moved.
 */
export async function replayDeadLetters(options: ReplayOptions): Promise<number> {
  const { sqs, sql } = options;
  const limit = options.limit ?? Infinity;
  let moved = 0;
  while (moved < limit) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.deadLetterQueueUrl,
        MaxNumberOfMessages: Math.min(10, limit - moved),
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
        MessageAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) break;
    for (const message of messages) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: options.queueUrl,
          MessageBody: message.Body,
          MessageAttributes: message.MessageAttributes,
        }),
      );
      const body = decodeQueueMessage(message.Body);
      if (body) await markRequeued(sql, body.queueLogId);
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: options.deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
      moved += 1;
      options.onProgress?.(moved);
    }
  }
  return moved;
}
