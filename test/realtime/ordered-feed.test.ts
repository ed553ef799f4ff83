import t from 'tap';
import { OrderedFeed } from '../../src/realtime/ordered-feed.js';
import type { ProcessedEvent } from '../../src/realtime/processed-event.js';
import type { EventPage } from '../../src/realtime/read-events.js';

const event = (seq: number): ProcessedEvent => ({
  seq,
  name: 'message.received',
  messageId: 100 + seq,
  conversationId: 1,
  channelId: null,
  kind: 'message',
  platform: 'telegram',
  type: 'text',
});

function recordingFeed(lastSeq: number | null) {
  const delivered: number[] = [];
  let resyncs = 0;
  const feed = new OrderedFeed(
    {
      deliver: (e) => delivered.push(e.seq),
      resync: () => {
        resyncs += 1;
      },
    },
    lastSeq,
  );
  return { feed, delivered, resyncs: () => resyncs };
}

t.test('live events that arrive during a catch-up follow it, without the ones it already sent', async (t) => {
  const { feed, delivered } = recordingFeed(3);
  let answer!: (page: EventPage) => void;
  const done = feed.catchUp(async (after) => {
    t.equal(after, 3, 'the catch-up starts after the last event the client had');
    return new Promise<EventPage>((resolve) => {
      answer = resolve;
    });
  });
  feed.push(event(5)); // committed before the query's snapshot: in the page too
  feed.push(event(6)); // committed after it: only live
  answer({ events: [event(4), event(5)], complete: true });
  await done;
  feed.push(event(6));
  feed.push(event(7));
  t.same(delivered, [4, 5, 6, 7]);
});

t.test('a backlog larger than one page asks the client to resync, then follows live events', async (t) => {
  const { feed, delivered, resyncs } = recordingFeed(3);
  const done = feed.catchUp(async () => ({ events: [event(4)], complete: false }));
  feed.push(event(9));
  await done;
  t.equal(resyncs(), 1);
  t.same(delivered, [9], 'the partial page is not sent: the client reloads instead');
});

t.test('a client without Last-Event-ID gets live events only', async (t) => {
  const { feed, delivered } = recordingFeed(null);
  await feed.catchUp(async () => t.fail('no catch-up without a position') as never);
  feed.push(event(1));
  t.same(delivered, [1]);
});
