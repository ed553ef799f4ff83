import t from 'tap';
import { dayKey, dayLabel, groupByDay } from '../../web/group-by-day.js';

const at = (iso: string) => ({ iso });
const timeOf = (item: { iso: string }) => item.iso;

t.test('messages are grouped by the day they were sent on, in the order given', async (t) => {
  const items = [at('2025-06-08T09:00:00Z'), at('2025-06-08T23:30:00Z'), at('2025-06-09T08:00:00Z')];
  t.same(
    groupByDay(items, timeOf, 'UTC').map((day) => [day.key, day.items.length]),
    [
      ['2025-06-08', 2],
      ['2025-06-09', 1],
    ],
  );
  t.same(groupByDay([], timeOf, 'UTC'), [], 'no messages, no days');
});

t.test("a day is the reader's: late evening in UTC is the next morning in Tokyo", async (t) => {
  const items = [at('2025-06-08T09:00:00Z'), at('2025-06-08T23:30:00Z')];
  t.same(
    groupByDay(items, timeOf, 'Asia/Tokyo').map((day) => day.key),
    ['2025-06-08', '2025-06-09'],
  );
  t.equal(dayKey(new Date('2025-06-08T23:30:00Z'), 'America/Los_Angeles'), '2025-06-08');
});

t.test('a day is headed Today, Yesterday, or its date written out', async (t) => {
  const now = new Date('2025-06-09T10:00:00Z');
  t.equal(dayLabel('2025-06-09', now, 'en-GB', 'UTC'), 'Today');
  t.equal(dayLabel('2025-06-08', now, 'en-GB', 'UTC'), 'Yesterday');
  t.equal(dayLabel('2025-06-01', now, 'en-GB', 'UTC'), 'Sunday, 1 June 2025');
  t.equal(dayLabel('2025-06-01', now, 'en-US', 'Pacific/Kiritimati'), 'Sunday, June 1, 2025', 'the date as keyed');
});
