import type { Logger } from 'pino';
import { recordChannelWebhooks } from '../store/channels.js';
import type { Sql } from '../store/database.js';

/** How often, at most, a process writes the channels' `last_webhook_at`. */
export const WEBHOOK_HEALTH_INTERVAL_MS = 1000;

/** Notes the channels webhooks reached, for their health: written in batches, never a round trip per webhook. */
export interface WebhookHealth {
  received(channelIds: Iterable<number>): void;
  /** Writes what is noted and stops. */
  close(): Promise<void>;
}

/**
 * Batches `last_webhook_at`: channels seen since the last write are written by one statement, at
 * most once per WEBHOOK_HEALTH_INTERVAL_MS. The first webhook after a quiet interval writes at once
 * (a Lambda may be frozen before a timer fires); later ones wait for the timer. A failed write is
 * logged and dropped: health is a hint, not a record.
 */
export function createWebhookHealth(sql: Sql, logger: Pick<Logger, 'warn'>): WebhookHealth {
  let pending = new Set<number>();
  let lastWriteAt = 0;
  let writing: Promise<void> | undefined;
  const write = () => {
    if (writing || pending.size === 0) return;
    const ids = [...pending];
    pending = new Set();
    lastWriteAt = Date.now();
    writing = recordChannelWebhooks(sql, ids, new Date())
      .catch((error: unknown) => logger.warn({ err: error }, 'channels: could not record webhook health'))
      .finally(() => {
        writing = undefined;
      });
  };
  const timer = setInterval(write, WEBHOOK_HEALTH_INTERVAL_MS);
  timer.unref();
  return {
    received(channelIds) {
      for (const id of channelIds) pending.add(id);
      if (Date.now() - lastWriteAt >= WEBHOOK_HEALTH_INTERVAL_MS) write();
    },
    async close() {
      clearInterval(timer);
      await writing;
      write();
      await writing;
    },
  };
}
