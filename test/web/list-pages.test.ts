import t from 'tap';
import type { ConversationSummary } from '../../web/api-types.js';
import { appendPage, refreshFirstPage } from '../../web/inbox/list-pages.js';

/** A conversation whose last message came `minute` minutes past 10:00. */
const row = (id: number, minute: number) =>
  ({ id, lastMessageAt: `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z` }) as ConversationSummary;
const ids = (list: { conversations: ConversationSummary[] }) => list.conversations.map((c) => c.id);

t.test('a next page is appended, without a row already shown', async (t) => {
  const list = { conversations: [row(5, 50), row(4, 40)], nextCursor: 'a' };
  const next = appendPage(list, { conversations: [row(4, 40), row(3, 30)], nextCursor: 'b' });
  t.same(ids(next), [5, 4, 3]);
  t.equal(next.nextCursor, 'b');
});

t.test('a fresh first page keeps the rows scrolled past it, without the ones it moved up', async (t) => {
  const list = { conversations: [row(6, 50), row(5, 40), row(4, 30), row(3, 20), row(2, 10)], nextCursor: 'after-2' };
  // Conversation 3 received a message: it is now first.
  const page = { conversations: [row(3, 55), row(6, 50)], nextCursor: 'after-6' };
  const fresh = refreshFirstPage(list, page);
  t.same(ids(fresh), [3, 6, 5, 4, 2]);
  t.equal(fresh.nextCursor, 'after-2', 'the next page still follows the last row loaded');
});

t.test('a first page that is the whole list replaces everything; so does one for a list not loaded yet', async (t) => {
  const list = { conversations: [row(6, 50), row(5, 40)], nextCursor: 'after-5' };
  t.same(ids(refreshFirstPage(list, { conversations: [row(6, 50)], nextCursor: null })), [6]);
  const page = { conversations: [row(6, 50)], nextCursor: 'after-6' };
  t.same(refreshFirstPage(null, page), page);
});

t.test('rows at the same time sort by id, as the API pages them', async (t) => {
  const list = { conversations: [row(9, 50), row(8, 50), row(7, 50)], nextCursor: 'after-7' };
  const fresh = refreshFirstPage(list, { conversations: [row(9, 50)], nextCursor: 'after-9' });
  t.same(ids(fresh), [9, 8, 7]);
});
