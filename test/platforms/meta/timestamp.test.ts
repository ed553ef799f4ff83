import t from 'tap';
import { metaTimeToIso } from '../../../src/platforms/meta/timestamp.js';

t.test('WhatsApp strings of seconds, Messenger milliseconds and the odd seconds number all read as UTC', async (t) => {
  t.equal(metaTimeToIso('1744344496'), '2025-04-11T04:08:16.000Z');
  t.equal(metaTimeToIso(1458692752478), '2016-03-23T00:25:52.478Z');
  t.equal(metaTimeToIso(1701599111), '2023-12-03T10:25:11.000Z');
  t.equal(metaTimeToIso('1712740659552'), '2024-04-10T09:17:39.552Z');
});

t.test('absent, zero, negative or non-numeric times read as no time', async (t) => {
  for (const value of [undefined, null, 0, -5, '', 'soon', '12abc', Number.NaN, Number.POSITIVE_INFINITY, 1e300, {}]) {
    t.equal(metaTimeToIso(value), undefined, String(value));
  }
});
