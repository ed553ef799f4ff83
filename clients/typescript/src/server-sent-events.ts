/** One event of a `text/event-stream`, as the HTML standard's EventSource dispatches it. */
export interface ServerSentEvent {
  /** The `event:` field; `message` when the frame names none. */
  event: string;
  /** The `data:` lines, joined by newlines. */
  data: string;
  /** The last `id:` seen on the stream so far (this frame's or an earlier one's); '' when none yet. */
  lastEventId: string;
}

export interface ServerSentEventHandlers {
  onEvent(event: ServerSentEvent): void;
  /** The server's `retry:` advice, in milliseconds: how long to wait before reconnecting. */
  onRetry?(milliseconds: number): void;
}

/** Reads a stream's text chunk by chunk, however the chunks cut its lines. */
export interface ServerSentEventParser {
  feed(text: string): void;
  /** What a reconnect sends as `Last-Event-ID`. */
  readonly lastEventId: string;
}

/**
 * The event-stream interpretation of the HTML standard (§9.2.6): lines end in CRLF, LF or CR;
 * a blank line dispatches the frame (unless it carried no data); `:` starts a comment, such as
 * Omni's keep-alive; `id:` persists across frames and reconnects; `retry:` takes digits only.
 */
export function createServerSentEventParser(
  handlers: ServerSentEventHandlers,
  initialLastEventId = '',
): ServerSentEventParser {
  let lastEventId = initialLastEventId;
  let buffer = '';
  // A CR ending one chunk and an LF starting the next are one line break, not two.
  let afterCarriageReturn = false;
  let eventType = '';
  let data: string[] = [];

  function dispatch() {
    const lines = data;
    const type = eventType;
    data = [];
    eventType = '';
    if (lines.length === 0) return;
    handlers.onEvent({ event: type || 'message', data: lines.join('\n'), lastEventId });
  }

  function processLine(line: string) {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventType = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) handlers.onRetry?.(Number(value));
  }

  return {
    feed(text: string) {
      let chunk = text;
      if (afterCarriageReturn && chunk.startsWith('\n')) chunk = chunk.slice(1);
      afterCarriageReturn = false;
      buffer += chunk;
      for (;;) {
        const end = buffer.search(/[\r\n]/);
        if (end === -1) return;
        const line = buffer.slice(0, end);
        const crlf = buffer[end] === '\r' && buffer[end + 1] === '\n';
        if (buffer[end] === '\r' && end === buffer.length - 1) afterCarriageReturn = true;
        buffer = buffer.slice(end + (crlf ? 2 : 1));
        processLine(line);
      }
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}
