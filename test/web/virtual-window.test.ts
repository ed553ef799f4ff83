import t from 'tap';
import { nearEnd, rowWindow, scrollToReveal } from '../../web/virtual-window.js';

const view = { scrollTop: 0, height: 600, rowHeight: 60, count: 10_000, overscan: 5 };

t.test('at the top, the rows in view and the overscan below, the rest stood in for by padding', async (t) => {
  // 600 px shows 10 rows, and part of an 11th while scrolling: 11, then 5 more.
  t.same(rowWindow(view), { start: 0, end: 16, before: 0, after: (10_000 - 16) * 60 });
});

t.test('mid-list, overscan on both sides; the drawn rows and padding always add up to the whole list', async (t) => {
  const w = rowWindow({ ...view, scrollTop: 60 * 5000 + 30 });
  t.same([w.start, w.end], [4995, 5016]);
  t.equal(w.before + (w.end - w.start) * 60 + w.after, 10_000 * 60);
});

t.test('the drawn rows stay bounded however long the list is', async (t) => {
  for (const count of [100, 10_000, 1_000_000]) {
    const w = rowWindow({ ...view, count, scrollTop: count * 30 });
    t.ok(w.end - w.start <= 21, `${count} rows: ${w.end - w.start} drawn`);
  }
});

t.test('at the end, and past it when the list shrank under the scroller, the last rows show', async (t) => {
  const end = rowWindow({ ...view, scrollTop: 10_000 * 60 - 600 });
  t.equal(end.end, 10_000);
  t.equal(end.after, 0);
  const shrunk = rowWindow({ ...view, count: 20, scrollTop: 9_999_999 });
  t.same([shrunk.start, shrunk.end], [4, 20], 'the last 11 rows and the overscan above them');
});

t.test('an empty list or a list shorter than the screen draws what it has', async (t) => {
  t.same(rowWindow({ ...view, count: 0 }), { start: 0, end: 0, before: 0, after: 0 });
  t.same(rowWindow({ ...view, count: 3 }), { start: 0, end: 3, before: 0, after: 0 });
  t.same(rowWindow({ ...view, height: 0, count: 3 }), { start: 0, end: 3, before: 0, after: 0 });
});

t.test('the next page is asked for once the drawn rows come within the margin of the loaded end', async (t) => {
  t.notOk(nearEnd(rowWindow({ ...view, count: 100 }), 100, 30));
  t.ok(nearEnd(rowWindow({ ...view, count: 100, scrollTop: 60 * 60 }), 100, 30));
  t.notOk(nearEnd(rowWindow({ ...view, count: 0 }), 0, 30), 'not for an empty list');
});

t.test('moving the selection scrolls only when the row is not fully in view', async (t) => {
  t.equal(scrollToReveal(3, 0, 600, 60), undefined, 'in view');
  t.equal(scrollToReveal(10, 0, 600, 60), 60, 'below: its bottom to the bottom edge');
  t.equal(scrollToReveal(2, 300, 600, 60), 120, 'above: its top to the top edge');
});
