import t from 'tap';
import { screenshot } from '../helpers/browser.js';
import { listedNames, openSeededDashboard } from '../helpers/seeded-dashboard.js';
import { waitFor } from '../helpers/wait-for.js';

const COUNT = 10_000;
/** The rows in view (about ten at this height) and the overscan either side: far fewer than the list. */
const MOST_DRAWN = 40;

t.test('10,000 conversations scroll to the last one with only the rows in view drawn', async (t) => {
  t.setTimeout(300_000);
  const { page } = await openSeededDashboard(t, { count: COUNT, name: 'Sales' });
  await page.locator('.conversation', { hasText: 'Sales 1' }).first().waitFor();
  const scroller = page.locator('#conversations-scroller');
  const list = page.locator('#conversations');
  const loaded = async () => Number(await list.getAttribute('data-count'));
  const drawn = () => page.locator('#conversations > li').count();

  t.equal(await loaded(), 100, 'the first page only');
  let most = await drawn();
  let scrolls = 0;
  // Each scroll to the bottom of what is loaded asks for the next page, until the last is drawn.
  while (!(await listedNames(page)).includes(`Sales ${COUNT}`)) {
    const before = await loaded();
    await scroller.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await waitFor(
      'the next page or the last row',
      async () => (await loaded()) > before || (await listedNames(page)).includes(`Sales ${COUNT}`),
      15_000,
    );
    most = Math.max(most, await drawn());
    scrolls += 1;
  }
  t.equal(await loaded(), COUNT, 'every conversation is loaded by the end');
  t.ok(most <= MOST_DRAWN, `at most ${most} rows were in the page at once, of ${COUNT}`);
  t.comment(`${scrolls} scrolls to the end of the loaded rows reached the last of ${COUNT}`);
  const names = await listedNames(page);
  t.equal(names.at(-1), `Sales ${COUNT}`, 'the last row is the oldest conversation');
  t.ok(
    names.every((name, i) => i === 0 || Number(name.split(' ')[1]) === Number(names[i - 1]!.split(' ')[1]) + 1),
    'the drawn rows are consecutive, none missing or repeated',
  );

  // Back to the middle: the rows there are drawn (the padding stands in for the others).
  await scroller.evaluate((element) => {
    element.scrollTop = element.scrollHeight / 2;
  });
  await waitFor('the middle rows', async () => (await listedNames(page)).includes('Sales 5000'), 10_000);
  t.ok((await drawn()) <= MOST_DRAWN, 'still bounded in the middle');
  await screenshot(page, 'inbox-scrolled');

  // Another filter is another list: it starts at its top, its first page only.
  await page.check('#unread-only');
  await waitFor('the top of the unread list', async () => (await listedNames(page))[0] === 'Sales 1', 10_000);
  t.equal(await scroller.evaluate((element) => element.scrollTop), 0, 'another filter starts at the top');
  t.equal(await loaded(), 100, 'with its first page');
});
