import t from 'tap';
import { createCollector } from '../../../src/platforms/meta/collector.js';
import { walkEntries } from '../../../src/platforms/meta/envelope.js';
import { extractMessenger } from '../../../src/platforms/messenger/extract.js';

t.test('a body that is not the expected envelope is one error holding the whole body', async (t) => {
  t.match(extractMessenger('text'), {
    items: [],
    errors: [{ path: '', reason: 'body is not a JSON object', raw: 'text' }],
  });
  t.match(extractMessenger({ object: 'instagram', entry: [] }), {
    errors: [{ path: 'object', reason: 'expected object "page", got "instagram"' }],
  });
  t.match(extractMessenger({ entry: [] }), { errors: [{ reason: 'expected object "page", got none' }] });
  t.match(extractMessenger({ object: 'page', entry: {} }), {
    errors: [{ path: 'entry', reason: 'entry is not a list' }],
  });
});

t.test('a bad entry is an error that keeps the other entries', async (t) => {
  const good = {
    id: 'P',
    time: 1,
    messaging: [{ sender: { id: 'U' }, recipient: { id: 'P' }, timestamp: 1, message: { mid: 'm', text: 'hi' } }],
  };
  const { items, errors } = extractMessenger({ object: 'page', entry: [null, good] });
  t.equal(items.length, 1);
  t.same(errors, [{ path: 'entry[0]', reason: 'entry is not an object', raw: null }]);
});

t.test('an entry without a time falls back to the reception time', async (t) => {
  const collector = createCollector('2026-01-01T00:00:00.000Z');
  const times: string[] = [];
  walkEntries({ object: 'page', entry: [{ id: 'P' }] }, 'page', collector, (scope) => times.push(scope.time));
  t.same(times, ['2026-01-01T00:00:00.000Z']);
});

t.test('a failure of our own inside one element is reported as unexpected, for that element only', async (t) => {
  const collector = createCollector();
  collector.each([1, 2], 'list', (element) => {
    if (element === 1) throw new TypeError('oops');
  });
  collector.each([3], 'other', () => {
    throw 'not an error';
  });
  t.same(collector.result().errors, [
    { path: 'list[0]', reason: 'unexpected failure: oops', raw: 1 },
    { path: 'other[0]', reason: 'unexpected failure: not an error', raw: 3 },
  ]);
});

t.test('an item with neither a business id nor an entry id is an error', async (t) => {
  const { errors } = extractMessenger({
    object: 'page',
    entry: [
      {
        messaging: [{ sender: { id: 'U' }, timestamp: 1, message: { mid: 'm' } }],
        changes: [{ field: 'feed', value: {} }],
      },
    ],
  });
  t.same(
    errors.map((error) => error.reason),
    ['no business id: neither recipient.id nor entry.id', 'entry has no id'],
  );
});
