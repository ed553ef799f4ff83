import type { Message } from '@aws-sdk/client-sqs';
import { SpanKind } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { OmniError } from '../errors.js';
import { RetryJobLater } from '../jobs/types.js';
import { contextOf, inSpan, type TraceCarrier } from '../observability/tracing-spans.js';
import { decodeQueueMessage, messageTrace, type QueueMessageBody } from '../queue/queue-message.js';
import { markFailed } from '../store/queue-logs.js';
import { processQueueItem, type ProcessDeps, type ProcessOutcome } from './process-queue-item.js';
import { runJob } from './run-job.js';

/** What handling one SQS message needs: shared by the sqs-consumer worker and the Lambda processor. */
export interface QueueMessageDeps extends ProcessDeps {
  logger: Logger;
  /** The queue's redrive `maxReceiveCount`: the receive that fails at this count is the last. */
  maxReceiveCount: number;
}

/** The one shape both SQS clients agree on: the worker's `Message` and the Lambda event's record. */
export interface ReceivedQueueMessage {
  messageId?: string;
  body?: string;
  receiveCount: number;
  /** The trace its sender was in: processing it continues that trace. */
  trace?: TraceCarrier;
}

const MAX_BACKOFF_SECONDS = 900;
/** SQS's ceiling for a visibility timeout: 12 hours. */
const MAX_VISIBILITY_SECONDS = 43_200;

/**
 * Exponential backoff by receive count, or the delay the failure asked for (a platform's
 * `Retry-After`); the last failure is released at once so it reaches the DLQ.
 */
export function retryDelaySeconds(count: number, base: number, maxReceiveCount: number, error?: unknown): number {
  if (count >= maxReceiveCount) return 0;
  if (error instanceof RetryJobLater) return Math.min(error.delaySeconds, MAX_VISIBILITY_SECONDS);
  return Math.min(base * 2 ** (count - 1), MAX_BACKOFF_SECONDS);
}

/** SQS's ApproximateReceiveCount of a polled message (1 when the attribute was not asked for). */
export function receiveCount(message: Message): number {
  return Number(message.Attributes?.ApproximateReceiveCount ?? '1');
}

/** The trace a polled message carries in its attributes (asked for with `TRACE_ATTRIBUTES`). */
export function polledTrace(message: Message): TraceCarrier {
  return messageTrace((name) => message.MessageAttributes?.[name]?.StringValue);
}

/**
 * Decodes and processes one queue message: an inbound item, or a job by its kind. On failure the queue row is marked failed — `dead` when
 * this was the queue's last receive — and the error is rethrown, so the caller leaves the message on
 * the queue (a worker's visibility change, a Lambda's batch item failure) and SQS redrives it.
 * A body that is not an Omni queue message throws too: it can only end in the DLQ.
 */
export async function handleQueueMessage(
  deps: QueueMessageDeps,
  message: ReceivedQueueMessage,
): Promise<ProcessOutcome> {
  const body = decodeQueueMessage(message.body);
  if (!body) throw new OmniError('OMNI_ERR_QUEUE_MESSAGE_INVALID', `not an Omni queue message: ${message.messageId}`);
  const attributes = {
    'messaging.system': 'aws_sqs',
    'messaging.message.id': message.messageId ?? '',
    'omni.queue_log_id': body.queueLogId,
    'omni.platform': body.platform,
    'omni.attempt': message.receiveCount,
  };
  return inSpan(
    body.job ? `queue process ${body.job}` : 'queue process item',
    { kind: SpanKind.CONSUMER, parent: contextOf(message.trace), attributes },
    () => handleDecoded(deps, body, message.receiveCount),
  );
}

async function handleDecoded(deps: QueueMessageDeps, body: QueueMessageBody, count: number): Promise<ProcessOutcome> {
  try {
    const outcome = body.job
      ? await runJob(deps, { ...body, job: body.job }, count)
      : await processQueueItem(deps, body, count);
    deps.logger.debug({ queueLogId: body.queueLogId, job: body.job, outcome }, 'queue: item done');
    return outcome;
  } catch (error) {
    const dead = count >= deps.maxReceiveCount;
    const reason = error instanceof Error ? error.message : String(error);
    await markFailed(deps.sql, body.queueLogId, reason, dead).catch((e: unknown) =>
      deps.logger.error({ err: e, queueLogId: body.queueLogId }, 'queue: could not record the failure'),
    );
    deps.logger.warn(
      { queueLogId: body.queueLogId, job: body.job, attempt: count, dead, reason },
      'queue: item failed',
    );
    throw error;
  }
}
