import { SpanKind, type Context } from '@opentelemetry/api';
import { activeContext, batchParent, databaseAttributes, inSpan } from '../observability/tracing-spans.js';
import { storeCommitDuration } from '../observability/metrics.js';
import type { Sql } from './database.js';
import { insertWebhookBatch, type IngestRequest, type IngestResult } from './ingest.js';

export interface GroupCommit {
  /** Resolves once this webhook's rows have committed (alone or with others). */
  ingest(request: IngestRequest): Promise<IngestResult>;
}

interface Waiting {
  request: IngestRequest;
  /** The request's trace: the shared statement's span continues the first and links the rest. */
  trace: Context;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for webhooks: while one write is in flight, the requests that arrive wait and then
 * go together as one statement (up to `maxBatch` requests and `maxBatchBytes` of bodies), so under
 * load a single round trip and commit serves many requests, and at rest a request goes alone with no
 * added delay. Each request is answered only after the commit that holds its rows. If a shared
 * write fails, its requests are written one by one, so one bad request cannot fail the others.
 */
export function createGroupCommit(
  sql: Sql,
  options: { maxBatch?: number; maxBatchBytes?: number; writers?: number } = {},
): GroupCommit {
  const maxBatch = options.maxBatch ?? 100;
  // The statement carries each body about twice (base64 for webhook_logs, then its items' raw JSON):
  // a few 3 MB batches from Meta go one or two per statement, not a hundred.
  const maxBatchBytes = options.maxBatchBytes ?? 8 * 1024 * 1024;
  const writers = options.writers ?? 2;
  const waiting: Waiting[] = [];
  let active = 0;

  async function write(batch: Waiting[]): Promise<void> {
    try {
      const endTimer = storeCommitDuration.startTimer({ operation: 'ingest' });
      const results = await inSpan(
        'db ingest',
        {
          kind: SpanKind.CLIENT,
          ...batchParent(batch.map((w) => w.trace)),
          attributes: {
            ...databaseAttributes('INSERT', 'ingest webhook_logs messages queue_logs'),
            'omni.requests': batch.length,
          },
        },
        () =>
          insertWebhookBatch(
            sql,
            batch.map((w) => w.request),
          ),
      );
      endTimer();
      for (const [i, w] of batch.entries()) w.resolve(results[i]);
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(batch.map((w) => write([w])));
    }
  }

  /** The next requests in arrival order, up to `maxBatch` of them and `maxBatchBytes` of bodies (at least one). */
  function nextBatch(): Waiting[] {
    let count = 0;
    let bytes = 0;
    while (count < waiting.length && count < maxBatch) {
      bytes += waiting[count].request.log.rawBody?.length ?? 0;
      if (count > 0 && bytes > maxBatchBytes) break;
      count += 1;
    }
    return waiting.splice(0, count);
  }

  function pump(): void {
    while (active < writers && waiting.length > 0) {
      const batch = nextBatch();
      active += 1;
      void write(batch).finally(() => {
        active -= 1;
        pump();
      });
    }
  }

  return {
    ingest(request) {
      return new Promise<IngestResult>((resolve, reject) => {
        waiting.push({ request, trace: activeContext(), resolve, reject });
        pump();
      });
    },
  };
}
