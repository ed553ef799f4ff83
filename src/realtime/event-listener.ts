import type { Logger } from 'pino';
import type { SqlPool } from '../store/database.js';
import { selectEventsAfter, selectLastEventSeq } from './read-events.js';
import { OrderedFeed, type FeedSink } from './ordered-feed.js';
import { EVENTS_CHANNEL, parseEventsPayload } from './processed-event.js';

/** A process's one subscription to `omni_events`, fanned out to any number of subscribers. */
export interface EventListener {
  /** Calls the sink for every event from now on, in seq order; answers the unsubscribe. */
  subscribe(sink: FeedSink): () => void;
  /** Stops listening (the LISTEN connection itself closes with the pool). */
  close(): Promise<void>;
}

export interface EventListenerOptions {
  /** How many events a re-established LISTEN reads back at most before asking clients to resync. */
  catchUpLimit?: number;
}

/**
 * LISTENs on `omni_events` with a single `sql.listen`. postgres.js re-LISTENs after a dropped
 * connection, but NOTIFYs sent meanwhile are gone, so each re-listen reads them back from
 * `queue_logs` through an ordered feed: subscribers see no gap and no duplicate.
 */
export async function listenForEvents(
  sql: SqlPool,
  logger: Pick<Logger, 'info' | 'warn'>,
  options: EventListenerOptions = {},
): Promise<EventListener> {
  const limit = options.catchUpLimit ?? 1000;
  const sinks = new Set<FeedSink>();
  // Read before LISTEN: nothing at or below it can be delivered afterwards (seq order is commit order).
  const feed = new OrderedFeed(
    {
      deliver: (event) => {
        for (const sink of sinks) sink.deliver(event);
      },
      resync: () => {
        for (const sink of sinks) sink.resync();
      },
    },
    await selectLastEventSeq(sql),
  );
  let listened = false;
  const onListen = () => {
    if (!listened) {
      listened = true;
      return;
    }
    logger.info({ after: feed.position }, 'realtime: LISTEN re-established, reading back missed events');
    feed
      .catchUp((after) => selectEventsAfter(sql, after, limit))
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'realtime: could not read back missed events; clients resync');
        feed.resync();
      });
  };
  const subscription = await sql.listen(
    EVENTS_CHANNEL,
    (payload) => {
      for (const event of parseEventsPayload(payload)) feed.push(event);
    },
    onListen,
  );
  return {
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async close() {
      sinks.clear();
      // A LISTEN connection already gone (the database going away first) listens to nothing: fine.
      await subscription.unlisten().catch(() => undefined);
    },
  };
}
