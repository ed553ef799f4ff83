import t from 'tap';
import { filterCanned, moveActive, slashQuery } from '../../web/inbox/canned-filter.js';

const RESPONSES = [
  { shortcode: 'thanks', text: 'Thank you for writing to us!' },
  { shortcode: 'address', text: 'We are at 1 Main Street.' },
  { shortcode: 'hours', text: 'We open at 9 and close at 5.' },
  { shortcode: 'tha', text: 'Short one' },
  { shortcode: 'goodbye-thanks', text: 'Bye!' },
];
const shortcodes = (query: string) => filterCanned(RESPONSES, query).map((r) => r.shortcode);

t.test('the picker opens on a slash at the start and shuts once a space is typed', async (t) => {
  t.equal(slashQuery('/'), '');
  t.equal(slashQuery('/Tha'), 'tha', 'shortcodes are lowercase, so the query is too');
  t.equal(slashQuery('/thanks for waiting'), null, 'a sentence that starts with a slash');
  t.equal(slashQuery('/\n'), null);
  t.equal(slashQuery('see /thanks'), null, 'only at the start');
  t.equal(slashQuery(''), null);
});

t.test('it filters as the agent types: shortcode prefixes first, then shortcodes holding it, then texts', async (t) => {
  t.same(shortcodes(''), ['address', 'goodbye-thanks', 'hours', 'tha', 'thanks'], 'everything, by shortcode');
  t.same(shortcodes('tha'), ['tha', 'thanks', 'goodbye-thanks']);
  t.same(shortcodes('THANKS'), ['thanks', 'goodbye-thanks'], 'any case');
  t.same(shortcodes('street'), ['address'], 'by its text');
  t.same(shortcodes('at'), ['address', 'hours'], 'texts holding it, by shortcode');
  t.same(shortcodes('zzz'), []);
});

t.test('the arrow keys move the highlight and wrap around', async (t) => {
  t.equal(moveActive(0, 3, 1), 1);
  t.equal(moveActive(2, 3, 1), 0, 'down from the last: the first');
  t.equal(moveActive(0, 3, -1), 2, 'up from the first: the last');
  t.equal(moveActive(5, 3, 1), 0, 'a highlight past a shortened list starts again');
  t.equal(moveActive(-1, 3, -1), 2);
  t.equal(moveActive(0, 0, 1), -1, 'nothing to highlight');
});
