import { deepStrictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import t from 'tap';
import { createServerSentEventParser, type ServerSentEvent } from '../../clients/typescript/src/index.js';

/** Everything a parser reported for these chunks: its events and retry advice, in order. */
function parse(chunks: string[], initialLastEventId?: string) {
  const seen: (ServerSentEvent | { retry: number })[] = [];
  const parser = createServerSentEventParser(
    { onEvent: (event) => seen.push(event), onRetry: (retry) => seen.push({ retry }) },
    initialLastEventId,
  );
  for (const chunk of chunks) parser.feed(chunk);
  return { seen, lastEventId: parser.lastEventId };
}

/** A stream as Omni writes it: retry advice, two events, a keep-alive, a resync. */
const OMNI_STREAM = [
  'retry: 3000\n\n',
  'id: 41\nevent: conversation.created\ndata: {"seq":41}\n\n',
  ': keep-alive\n\n',
  'id: 42\nevent: message.received\ndata: {"seq":42}\n\n',
  'event: resync\ndata: {}\n\n',
].join('');

const OMNI_EVENTS = [
  { retry: 3000 },
  { event: 'conversation.created', data: '{"seq":41}', lastEventId: '41' },
  { event: 'message.received', data: '{"seq":42}', lastEventId: '42' },
  { event: 'resync', data: '{}', lastEventId: '42' },
];

t.test("reads Omni's stream: retry advice, named events with their ids, comments skipped", async (t) => {
  const { seen, lastEventId } = parse([OMNI_STREAM]);
  t.same(seen, OMNI_EVENTS);
  t.equal(lastEventId, '42', 'the id a reconnect sends: a frame without id keeps the last one');
});

t.test('reads the same events however the chunks cut the lines, with any of the three line endings', async (t) => {
  const endings = fc.constantFrom('\n', '\r\n', '\r');
  const cuts = fc.uniqueArray(fc.integer({ min: 1, max: 2 * OMNI_STREAM.length }), { maxLength: 12 });
  fc.assert(
    fc.property(endings, cuts, (ending, positions) => {
      const text = OMNI_STREAM.replaceAll('\n', ending);
      const at = [0, ...positions.filter((p) => p < text.length).sort((a, b) => a - b), text.length];
      const chunks = at.slice(1).map((end, i) => text.slice(at[i], end));
      // Thrown, not asserted, so fast-check can shrink a failure to its smallest chunking.
      deepStrictEqual(parse(chunks).seen, OMNI_EVENTS);
    }),
    { seed: 20261201, numRuns: 500 },
  );
  t.pass('500 chunkings');
});

t.test('follows the standard for the fields Omni does not use', async (t) => {
  t.same(
    parse(['data: first line\ndata:second line\ndata:  two spaces\n\n']).seen,
    [{ event: 'message', data: 'first line\nsecond line\n two spaces', lastEventId: '' }],
    'an unnamed event is a message; data lines join with newlines; one leading space is dropped',
  );
  t.same(parse(['id: 7\n\nevent: ignored\n\n']).seen, [], 'a frame without data dispatches nothing');
  t.equal(parse(['id: 7\n\n']).lastEventId, '7', 'but its id still counts for a reconnect');
  t.same(parse(['retry: soon\nretry: 5s\n\n']).seen, [], 'retry takes digits only');
  t.same(parse(['data: unfinished']).seen, [], 'a frame the stream has not finished waits');
  t.same(
    parse(['data: a\r', '\n\r\n']).seen,
    [{ event: 'message', data: 'a', lastEventId: '' }],
    'a CRLF cut between its CR and LF is one line break',
  );
  t.equal(parse([], '99').lastEventId, '99', 'the id a reconnect started from stands until a new one');
});
