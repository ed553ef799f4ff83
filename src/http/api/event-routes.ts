import type { FastifyInstance } from 'fastify';
import { DEFAULT_EVENT_STREAMS_PER_USER } from '../../config/variables.js';
import { listenForEvents } from '../../realtime/event-listener.js';
import { OrderedFeed } from '../../realtime/ordered-feed.js';
import { trackPresence } from '../../realtime/presence.js';
import { eventNameOf, type RealtimeEvent } from '../../realtime/processed-event.js';
import { selectEventsAfter } from '../../realtime/read-events.js';
import { seesChannel } from '../../store/channel-scope.js';
import type { SqlPool } from '../../store/database.js';
import { sendError } from '../error-reply.js';
import { principalScope } from './authenticate.js';
import { errorResponses } from './schema-shapes.js';
import { guardEventStreams } from './stream-guard.js';

/**
 * A comment line this often keeps a quiet stream open through every proxy: a load balancer's or
 * ingress's idle timeout must exceed it (deploy/dashboard, deploy/kubernetes).
 */
export const EVENT_STREAM_HEARTBEAT_MS = 15_000;

/** `GET /api/events` in the document: a stream of frames, whose events the description names. */
const eventsSchema = {
  operationId: 'followEvents',
  summary: 'Follow what changes, as server-sent events (Last-Event-ID resumes)',
  tags: ['events'],
  headers: {
    type: 'object',
    properties: {
      'last-event-id': {
        type: 'string',
        description: 'the id of the last event received: the stream resumes after it',
      },
    },
  },
  response: {
    200: {
      description:
        'Server-sent events, each with its seq as `id`, named conversation.created, message.received, message.updated, status.changed, event.received (data: `{ seq, name, messageId, conversationId, channelId, kind, platform, type }`) or conversation.updated (data: `{ seq, conversationId, channelId, change }`, change: assigned, closed, reopened, read, labelled or noted); `resync` when more was missed than a catch-up replays (reload, then follow); comment lines keep it alive',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    },
    ...errorResponses(429),
  },
};

export interface EventRoutesOptions {
  sql: SqlPool;
  /** A comment line this often keeps proxies from closing an idle stream; EVENT_STREAM_HEARTBEAT_MS by default. */
  heartbeatMs?: number;
  /** At most this many missed events are replayed on reconnect; beyond, the client is told to resync. 1000 by default. */
  catchUpLimit?: number;
  /** EVENT_STREAMS_PER_USER: open streams per agent or API token in this process. */
  streamsPerUser?: number;
  /** How often open streams' credentials are re-checked (beyond revocations and expiry); 60 s by default. */
  credentialSweepMs?: number;
}

function frame(event: RealtimeEvent): string {
  return `id: ${event.seq}\nevent: ${eventNameOf(event)}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Tells the client it missed more than a catch-up replays: reload the views, then follow the stream. */
const RESYNC_FRAME = 'event: resync\ndata: {}\n\n';

/** `Last-Event-ID` as a seq, or null when absent or not one of ours. */
function lastEventId(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}

/**
 * `GET /api/events`: server-sent events, one per item or job whose processing committed, named by
 * what it changed (`conversation.created`, `message.received`, `message.updated`, `status.changed`,
 * `event.received`), and one `conversation.updated` per workflow change (assigned, closed, reopened,
 * read, labelled, noted) — in any process, as every processor NOTIFYs `omni_events` and this app
 * LISTENs once for all its streams. The in-process bus is not used here, so an item processed in this very
 * process arrives once. The SSE id is the item's event seq; a client reconnecting with
 * `Last-Event-ID` first gets what it missed from the database, then the live events, with no gap
 * or duplicate at the seam. A stream carries only the events of its caller's channels (replayed
 * ones too), and ends with its credential (see `guardEventStreams`) or when the app closes, so
 * shutdown is not held open. Each agent or token holds at most `streamsPerUser` streams per process:
 * 429 beyond.
 */
export async function eventRoutes(app: FastifyInstance, options: EventRoutesOptions) {
  const { sql } = options;
  const catchUpLimit = options.catchUpLimit ?? 1000;
  const listener = await listenForEvents(sql, app.log, { catchUpLimit });
  const guard = await guardEventStreams(sql, app.log, {
    perUser: options.streamsPerUser ?? DEFAULT_EVENT_STREAMS_PER_USER,
    sweepMs: options.credentialSweepMs ?? 60_000,
  });
  const presence = trackPresence(sql, app.log);
  app.addHook('preClose', async () => guard.endAll());
  app.addHook('onClose', async () => {
    await guard.close();
    await presence.close();
    await listener.close();
  });

  app.get('/events', { logLevel: 'warn', schema: eventsSchema }, (request, reply) => {
    const principal = request.principal;
    if (!principal) return sendError(reply, 'OMNI_ERR_AUTH_REQUIRED');
    const stream = reply.raw;
    const release = guard.admit(principal, () => stream.end());
    if (!release) return sendError(reply, 'OMNI_ERR_EVENTS_STREAM_LIMIT');
    reply.hijack();
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    stream.write('retry: 3000\n\n');
    const scope = principalScope(principal);
    // An agent's dashboard (a session, not an integration's token) makes them online while it is open.
    const leave = principal.kind === 'agent' ? presence.enter(principal.agent.id) : undefined;
    const feed = new OrderedFeed(
      {
        deliver: (event) => {
          if (seesChannel(scope, event.channelId)) stream.write(frame(event));
        },
        resync: () => stream.write(RESYNC_FRAME),
      },
      lastEventId(request.headers['last-event-id']),
    );
    // Subscribed before the catch-up starts, so an event committing meanwhile is held, not lost.
    const unsubscribe = listener.subscribe({ deliver: (event) => feed.push(event), resync: () => feed.resync() });
    const heartbeat = setInterval(
      () => stream.write(': keep-alive\n\n'),
      options.heartbeatMs ?? EVENT_STREAM_HEARTBEAT_MS,
    );
    heartbeat.unref();
    stream.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      leave?.();
      release();
    });
    feed
      .catchUp((after) => selectEventsAfter(sql, after, catchUpLimit))
      .catch((error: unknown) => {
        // Ending the stream makes the client reconnect with the same Last-Event-ID and try again.
        request.log.warn({ err: error }, 'events: catch-up failed');
        stream.end();
      });
  });
}
