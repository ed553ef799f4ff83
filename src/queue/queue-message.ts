import { isJobKind, type JobKind } from '../jobs/types.js';
import type { TraceCarrier } from '../observability/tracing-spans.js';
import type { QueueUnit } from '../store/ingest.js';

/** The message attributes the outbox puts a trace in (W3C trace context), asked for on receive. */
export const TRACE_ATTRIBUTES = ['traceparent', 'tracestate'];

/** The trace a received message carries, read through `attribute` (SQS's and a Lambda event's casings differ). */
export function messageTrace(attribute: (name: string) => string | undefined): TraceCarrier {
  const carrier: TraceCarrier = {};
  for (const name of TRACE_ATTRIBUTES) {
    const value = attribute(name);
    if (value) carrier[name] = value;
  }
  return carrier;
}

/** What travels on SQS: a pointer to the committed row, never the payload itself. */
export interface QueueMessageBody {
  queueLogId: number;
  messageId: number;
  platform: string;
  /** A job's kind; absent for an inbound item. */
  job?: JobKind;
}

export function encodeQueueMessage(unit: QueueUnit): string {
  const body: QueueMessageBody = { queueLogId: unit.queueLogId, messageId: unit.messageId, platform: unit.platform };
  if (unit.job) body.job = unit.job;
  return JSON.stringify(body);
}

/**
 * A FIFO queue's order: an inbound item's conversation, or a job's own group within its kind, so a
 * reply waiting out a rate limit never holds back the conversation's inbound messages.
 */
export function messageGroupOf(unit: QueueUnit): string {
  const conversation = `${unit.platform}:${unit.conversationKey ?? unit.externalId}`;
  return unit.job ? `${unit.job}:${unit.group ?? conversation}` : conversation;
}

/** Returns null for a body that is not one of ours; such a message can only go to the DLQ. */
export function decodeQueueMessage(text: string | undefined): QueueMessageBody | null {
  if (!text) return null;
  try {
    const body = JSON.parse(text) as Partial<QueueMessageBody>;
    const job = body.job === undefined || isJobKind(body.job);
    if (
      Number.isInteger(body.queueLogId) &&
      Number.isInteger(body.messageId) &&
      typeof body.platform === 'string' &&
      job
    ) {
      return body as QueueMessageBody;
    }
  } catch {
    // fall through: not JSON
  }
  return null;
}
