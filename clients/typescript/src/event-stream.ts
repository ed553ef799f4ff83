import { createServerSentEventParser } from './server-sent-events.js';

/** What a processed item or finished job changed; the stream's event name. */
export const OMNI_ITEM_EVENT_NAMES = [
  'conversation.created',
  'message.received',
  'message.updated',
  'status.changed',
  'event.received',
] as const;
export type OmniItemEventName = (typeof OMNI_ITEM_EVENT_NAMES)[number];

/** A processed item or finished job: small on purpose; read the message or conversation through the API. */
export interface OmniItemEvent {
  /** The event's place in Omni's one order; also the stream's event id. */
  seq: number;
  name: OmniItemEventName;
  messageId: number;
  conversationId: number | null;
  /** The channel it came or went through; null: no channel holds its account. */
  channelId: number | null;
  kind: 'message' | 'status' | 'event';
  platform: string;
  type: string;
}

/** An agent changed a conversation's workflow state, its labels or its notes: reload it. */
export interface OmniConversationUpdatedEvent {
  seq: number;
  conversationId: number;
  channelId: number | null;
  change: 'assigned' | 'closed' | 'reopened' | 'read' | 'labelled' | 'noted';
}

/**
 * One event of `GET /api/events`, told apart by `name`. `resync` says more was missed than a
 * reconnect replays (1000 events by default): reload the views, then carry on following.
 */
export type OmniStreamEvent =
  | { id: string; name: OmniItemEventName; data: OmniItemEvent }
  | { id: string; name: 'conversation.updated'; data: OmniConversationUpdatedEvent }
  | { id: string; name: 'resync'; data: Record<string, never> };

/** Every name the stream carries; frames under any other name (a newer server's) are skipped. */
export const OMNI_STREAM_EVENT_NAMES: readonly OmniStreamEvent['name'][] = [
  ...OMNI_ITEM_EVENT_NAMES,
  'conversation.updated',
  'resync',
];

/** The stream was refused for good (401: the token is revoked or wrong; 403, 404): reconnecting cannot help. */
export class OmniEventStreamError extends Error {
  readonly status: number;
  /** The error code of Omni's answer, such as OMNI_ERR_AUTH_REQUIRED, when it gave one. */
  readonly code: string | undefined;
  constructor(status: number, code: string | undefined, message: string) {
    super(message);
    this.name = 'OmniEventStreamError';
    this.status = status;
    this.code = code;
  }
}

export interface FollowEventsOptions {
  /** Start after this event (the `id` of the last one handled), as a reconnect would; else from now. */
  lastEventId?: string;
  /** Stops following: the iteration ends. Breaking out of `for await` stops it too. */
  signal?: AbortSignal;
  /** Wait this long before each reconnect instead of what the server advises with `retry:` (3 s). */
  reconnectDelayMs?: number;
}

const STREAM_EVENT_NAMES = new Set<string>(OMNI_STREAM_EVENT_NAMES);

/** The connection `followEvents` opens: where, with which headers, through which fetch. */
export interface EventStreamConnection {
  /** The URL of `/api/events`. */
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
}

/** Statuses worth another try: Omni restarting (502, 503, 504), or its stream cap per token (429). */
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Follows Omni's server-sent events over fetch, reconnecting after every drop (a network error, the
 * server ending the stream, a restart) with `Last-Event-ID`, so Omni first replays what was missed:
 * no event is lost or repeated at the seam. Fetch rather than EventSource, because EventSource cannot
 * send the API token's Authorization header. Ends when `signal` aborts; throws OmniEventStreamError
 * when Omni refuses the stream for good.
 */
export async function* followEvents(
  connection: EventStreamConnection,
  options: FollowEventsOptions = {},
): AsyncGenerator<OmniStreamEvent, void, undefined> {
  const { signal } = options;
  let lastEventId = options.lastEventId ?? '';
  let advisedDelayMs = 3000;
  while (!signal?.aborted) {
    const received: OmniStreamEvent[] = [];
    const parser = createServerSentEventParser(
      {
        onEvent(event) {
          if (!STREAM_EVENT_NAMES.has(event.event)) return;
          // The stream's JSON is Omni's own; its shape is the union above.
          received.push({ id: event.lastEventId, name: event.event, data: JSON.parse(event.data) } as OmniStreamEvent);
        },
        onRetry(milliseconds) {
          advisedDelayMs = milliseconds;
        },
      },
      lastEventId,
    );
    try {
      const headers = { ...connection.headers, accept: 'text/event-stream' };
      const response = await connection.fetch(connection.url, {
        headers: lastEventId ? { ...headers, 'last-event-id': lastEventId } : headers,
        signal,
      });
      if (!response.ok || !response.body) throw await refusal(response);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(value);
          lastEventId = parser.lastEventId;
          for (const event of received.splice(0)) yield event;
        }
      } finally {
        // Also when the caller stops iterating: the connection is let go, not left open.
        await reader.cancel().catch(() => {});
      }
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof OmniEventStreamError) throw error;
      // A network error, a dropped connection, Omni restarting: reconnect below.
    }
    await pause(options.reconnectDelayMs ?? advisedDelayMs, signal);
  }
}

/** The error for an answer that is not a stream: for good, unless a later try may succeed. */
async function refusal(response: Response): Promise<Error> {
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } };
  const message = body?.error?.message ?? `GET /api/events answered ${response.status}`;
  if (RETRIED_STATUSES.has(response.status)) return new Error(message);
  return new OmniEventStreamError(response.status, body?.error?.code, message);
}

function pause(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal?.addEventListener('abort', done, { once: true });
  });
}
