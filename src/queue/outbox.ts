import {
  type MessageAttributeValue,
  SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type Context, SpanKind } from '@opentelemetry/api';
import { activeContext, batchParent, inSpan, traceCarrier } from '../observability/tracing-spans.js';
import { outboxSendDuration } from '../observability/metrics.js';
import type { Logger } from 'pino';
import type { Sql } from '../store/database.js';
import type { QueueUnit } from '../store/ingest.js';
import { markQueued } from '../store/queue-logs.js';
import { encodeQueueMessage, messageGroupOf } from './queue-message.js';
import { createQueuedMarks } from './queued-marks.js';

const SQS_BATCH_MAX = 10;

/** A row to send with the trace it belongs to (the webhook's, the job's that followed it up). */
interface TracedUnit {
  unit: QueueUnit;
  trace: Context;
}

/**
 * W3C `traceparent` (and `tracestate`) as message attributes, well within SQS's ten a message; none
 * when nothing is traced, so an untraced deployment sends exactly what it always did.
 */
function traceAttributes(trace: Context): Record<string, MessageAttributeValue> | undefined {
  const fields = Object.entries(traceCarrier(trace));
  if (fields.length === 0) return undefined;
  return Object.fromEntries(fields.map(([name, value]) => [name, { DataType: 'String', StringValue: value }]));
}

export interface Outbox {
  /**
   * Hands committed rows to SQS and marks them queued (through `via`, the relay's transaction when
   * it holds the rows' locks). Never throws: what fails stays pending for the relay.
   */
  send(units: QueueUnit[], via?: Sql): Promise<void>;
  /**
   * Queues a send without waiting for it (the webhook has already committed). Units from concurrent
   * requests are gathered for up to `gatherMs` into SendMessageBatch calls of 10; `drain` awaits them.
   */
  sendInBackground(units: QueueUnit[]): void;
  /** Sends what is gathered and resolves when every background send has finished: called before shutdown. */
  drain(): Promise<void>;
}

function isFifo(queueUrl: string): boolean {
  return queueUrl.endsWith('.fifo');
}

export function createOutbox(deps: {
  sql: Sql;
  sqs: SQSClient;
  queueUrl: string;
  logger: Logger;
  gatherMs?: number;
}): Outbox {
  const gatherMs = deps.gatherMs ?? 2;
  const fifo = isFifo(deps.queueUrl);
  const queuedMarks = createQueuedMarks(deps.sql);

  /** One SendMessageBatch, its span continuing the first sampled row's trace (linking the other sampled ones). */
  async function sendBatch(batch: TracedUnit[], via: Sql | undefined): Promise<void> {
    const { parent, links } = batchParent(batch.map((b) => b.trace));
    const attributes = { 'messaging.system': 'aws_sqs', 'messaging.batch.message_count': batch.length };
    await inSpan('sqs send', { kind: SpanKind.PRODUCER, parent, links, attributes }, async () => {
      // The rows of the trace this span continues carry it; the others their own trace.
      const send = activeContext();
      const endTimer = outboxSendDuration.startTimer();
      const result = await deps.sqs
        .send(
          new SendMessageBatchCommand({
            QueueUrl: deps.queueUrl,
            Entries: batch.map(({ unit, trace }) => ({
              Id: String(unit.queueLogId),
              MessageBody: encodeQueueMessage(unit),
              MessageAttributes: traceAttributes(trace === parent ? send : trace),
              ...(fifo
                ? {
                    MessageGroupId: messageGroupOf(unit),
                    MessageDeduplicationId: String(unit.queueLogId),
                  }
                : {}),
            })),
          }),
        )
        .finally(endTimer);
      await recordSent(result, via);
    });
  }

  /** Marks the sent rows: in `via` when given (the relay's transaction, which holds their locks), else coalesced. */
  async function recordSent(result: SendMessageBatchCommandOutput, via: Sql | undefined): Promise<void> {
    const sent = (result.Successful ?? []).map((s) => ({ queueLogId: Number(s.Id), sqsMessageId: s.MessageId }));
    await (via ? markQueued(via, sent) : queuedMarks.mark(sent));
    if (result.Failed?.length) {
      deps.logger.warn(
        { failed: result.Failed.map((f) => ({ id: f.Id, code: f.Code })) },
        'outbox: some sends failed, left for the relay',
      );
    }
  }

  const inFlight = new Set<Promise<void>>();

  async function sendTraced(units: TracedUnit[], via?: Sql): Promise<void> {
    for (let i = 0; i < units.length; i += SQS_BATCH_MAX) {
      try {
        await sendBatch(units.slice(i, i + SQS_BATCH_MAX), via);
      } catch (error) {
        deps.logger.warn({ err: error }, 'outbox: send failed, rows stay pending for the relay');
      }
    }
  }

  let gathered: TracedUnit[] = [];
  let fifoChain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    const units = gathered;
    gathered = [];
    if (units.length === 0) return;
    // A FIFO queue orders by arrival at SQS, so its sends go one after another, in commit order;
    // a standard queue promises no order, so its sends overlap.
    if (fifo) fifoChain = fifoChain.then(() => sendTraced(units));
    const sending = (fifo ? fifoChain : sendTraced(units)).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }

  return {
    send(units, via) {
      const trace = activeContext();
      return sendTraced(
        units.map((unit) => ({ unit, trace })),
        via,
      );
    },
    sendInBackground(units) {
      const trace = activeContext();
      gathered.push(...units.map((unit) => ({ unit, trace })));
      if (gathered.length >= SQS_BATCH_MAX) flush();
      else if (gathered.length > 0 && !timer) timer = setTimeout(flush, gatherMs);
    },
    async drain() {
      flush();
      await Promise.all([...inFlight]);
    },
  };
}
