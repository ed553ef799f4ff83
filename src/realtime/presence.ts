import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { deletePresence, insertPresence, renewPresence } from '../store/agent-presence.js';
import type { SqlPool } from '../store/database.js';

export interface PresenceOptions {
  /** How long a stream's lease lasts unrenewed: how long a crashed server's agents still count as online. 60 s by default. */
  leaseSeconds?: number;
}

/** The open dashboard streams of one server, kept as presence leases every process reads. */
export interface Presence {
  /** Marks the agent online while this stream is open; call what it answers when the stream closes. */
  enter(agentId: number): () => void;
  /** Stops renewing and forgets every stream still open here: the server is going away. */
  close(): Promise<void>;
}

/**
 * Keeps an agent online (for auto-assignment) while one of their dashboard streams is open in this
 * process: a lease per stream, all of them renewed in one statement a third of the way through the
 * lease, deleted when the stream closes. A database hiccup is logged and retried at the next
 * renewal; the lease outlives two missed renewals.
 */
export function trackPresence(sql: SqlPool, logger: Pick<Logger, 'warn'>, options: PresenceOptions = {}): Presence {
  const leaseSeconds = options.leaseSeconds ?? 60;
  /** Each open stream's id, and its lease's insert (leaving waits for it, so the delete comes after). */
  const streams = new Map<string, Promise<void>>();
  /** Writes under way, which `close` waits for: none outlives the presence. */
  const pending = new Set<Promise<void>>();
  const warn = (what: string) => (error: unknown) => logger.warn({ err: error }, `presence: ${what} failed`);
  const track = (write: Promise<void>, what: string) => {
    const tracked: Promise<void> = write.catch(warn(what)).finally(() => pending.delete(tracked));
    pending.add(tracked);
    return tracked;
  };
  const renewal = setInterval(
    () => track(renewPresence(sql, [...streams.keys()], leaseSeconds), 'renewal'),
    (leaseSeconds * 1000) / 3,
  );
  renewal.unref();

  return {
    enter(agentId) {
      const streamId = randomUUID();
      const inserted = track(insertPresence(sql, streamId, agentId, leaseSeconds), 'entering');
      streams.set(streamId, inserted);
      return () => {
        if (!streams.delete(streamId)) return;
        track(
          inserted.then(() => deletePresence(sql, [streamId])),
          'leaving',
        );
      };
    },
    async close() {
      clearInterval(renewal);
      const open = [...streams.keys()];
      streams.clear();
      await Promise.all(pending);
      await track(deletePresence(sql, open), 'closing');
    },
  };
}
