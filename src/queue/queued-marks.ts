import type { Sql } from '../store/database.js';
import { markQueued } from '../store/queue-logs.js';

type Sent = Parameters<typeof markQueued>[1];

interface Waiting {
  sent: Sent;
  resolve(): void;
  reject(error: unknown): void;
}

export interface QueuedMarks {
  /** Resolves once `sent` is marked queued (alone or with the rows of other sends); rejects if that update failed. */
  mark(sent: Sent): Promise<void>;
}

/**
 * `markQueued` for the outbox's background sends, coalesced: while one update runs, the rows that
 * later SendMessageBatch calls answered for wait and go together in the next one. Under load one
 * statement marks the rows of many calls (each of ten rows used to take its own round trip); at
 * rest a call's rows go at once. A failed update leaves its rows pending, which the relay re-sends.
 */
export function createQueuedMarks(sql: Sql): QueuedMarks {
  let waiting: Waiting[] = [];
  let running = false;

  async function run(): Promise<void> {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await markQueued(
          sql,
          batch.flatMap((w) => w.sent),
        );
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    running = false;
  }

  return {
    mark(sent) {
      if (sent.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiting.push({ sent, resolve, reject });
        if (!running) void run();
      });
    },
  };
}
