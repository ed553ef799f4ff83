import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Test } from 'tap';
import { ITEM_EVENT_NAMES, type ItemEventName, type ProcessedEvent } from '../../src/realtime/processed-event.js';
import { waitFor } from './wait-for.js';

/** One item's frame (a processed item or finished job) as the client parses it. */
export interface ReceivedEvent {
  id: number;
  name: ItemEventName;
  data: ProcessedEvent;
}

const ITEM_FRAME = new RegExp(`^event: (${ITEM_EVENT_NAMES.join('|').replaceAll('.', '\\.')})$`, 'm');

export interface EventStream {
  response: IncomingMessage;
  /** Every frame so far, as text (comments and `retry:` included). */
  frames: string[];
  /** The item frames so far (every name but `conversation.updated`), parsed. */
  events(): ReceivedEvent[];
  /** Waits until at least `count` events have arrived, and answers them all. */
  waitForEvents(count: number): Promise<ReceivedEvent[]>;
  /** Settles when the server has ended the stream (every frame before the end has been read). */
  ended: Promise<void>;
}

/** Opens `GET /api/events` like a browser's EventSource would, closed at teardown. */
export function openEventStream(t: Test, url: string, headers: Record<string, string>): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      t.teardown(() => response.destroy());
      const frames: string[] = [];
      let buffer = '';
      const ended = new Promise<void>((resolve) => response.on('end', resolve));
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        const parts = buffer.split('\n\n');
        buffer = parts.pop()!;
        frames.push(...parts);
      });
      const events = () =>
        frames
          .filter((f) => ITEM_FRAME.test(f))
          .map((f) => ({
            id: Number(/^id: (\d+)$/m.exec(f)![1]),
            name: ITEM_FRAME.exec(f)![1] as ItemEventName,
            data: JSON.parse(/^data: (.*)$/m.exec(f)![1]!) as ProcessedEvent,
          }));
      const waitForEvents = (count: number) =>
        waitFor(`${count} item events`, async () => (events().length >= count ? events() : undefined));
      resolve({ response, frames, events, waitForEvents, ended });
    });
    req.on('error', reject);
    req.end();
  });
}
