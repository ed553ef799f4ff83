import type { Sql } from './database.js';
import { insertWebhookBatch, type IngestRequest, type IngestResult } from './ingest.js';

export interface GroupCommit {
  /** Resolves once this webhook's rows have committed (alone or with others). */
  ingest(request: IngestRequest): Promise<IngestResult>;
}

interface Waiting {
  request: IngestRequest;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for webhooks: while one write is in flight, the requests that arrive wait and then
 * go together as one statement, so under load a single round trip and commit serves many requests,
 * and at rest a request goes alone with no added delay. Each request is answered only after the
 * commit that holds its rows. If a shared write fails, its requests are written one by one, so one
 * bad request cannot fail the others.
 */
export function createGroupCommit(sql: Sql, options: { maxBatch?: number; writers?: number } = {}): GroupCommit {
  const maxBatch = options.maxBatch ?? 100;
  const writers = options.writers ?? 2;
  const waiting: Waiting[] = [];
  let active = 0;

  async function write(batch: Waiting[]): Promise<void> {
    try {
      const results = await insertWebhookBatch(
        sql,
        batch.map((w) => w.request),
      );
      for (const [i, w] of batch.entries()) w.resolve(results[i]);
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(batch.map((w) => write([w])));
    }
  }

  function pump(): void {
    while (active < writers && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
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
        waiting.push({ request, resolve, reject });
        pump();
      });
    },
  };
}
