import t from 'tap';
import { screenshot } from '../helpers/browser.js';
import { openSeededDashboard } from '../helpers/seeded-dashboard.js';

t.test('keyboard: j and k move through the list, r replies, / searches, e closes, ? lists the shortcuts', async (t) => {
  t.setTimeout(120_000);
  const { sql, page, ids } = await openSeededDashboard(t, { count: 5, name: 'Sales' });
  await page.locator('.conversation', { hasText: 'Sales 5' }).waitFor();
  const opened = (n: number) => page.locator('#conversation-title', { hasText: `Sales ${n} ·` }).waitFor();
  const focused = (selector: string) => page.locator(selector).evaluate((el) => el.ownerDocument.activeElement === el);
  const current = () => page.locator('.conversation[aria-current="true"] .contact').textContent();

  await page.keyboard.press('j');
  await opened(1);
  t.equal(new URL(page.url()).pathname, `/conversations/${ids[0]}`, 'j opens the first conversation');
  await page.keyboard.press('j');
  await opened(2);
  await page.keyboard.press('j');
  await opened(3);
  await page.keyboard.press('k');
  await opened(2);
  t.equal(await current(), 'Sales 2', 'k goes back one, and the list marks it');

  await page.keyboard.press('r');
  t.ok(await focused('#reply textarea'), 'r focuses the reply box');
  // j (next) and e (close) typed as text: k then shows where the list stood, since had j moved it to
  // Sales 3, k would land back on Sales 2 and never on Sales 1.
  await page.keyboard.type('jolly good, see you');
  t.equal(await page.inputValue('#reply textarea'), 'jolly good, see you', 'keys typed there are text');
  await page.locator('#conversation-title').click();
  await page.keyboard.press('k');
  await opened(1);
  t.equal(new URL(page.url()).pathname, `/conversations/${ids[0]}`, 'j typed in the reply moved nothing');
  await page.keyboard.press('j');
  await opened(2);
  // The thread's answer is fetched after the close a typed e would have asked for.
  await page.locator('#close').waitFor();
  const [closed] = await sql<{ n: number }[]>`
    select count(*)::int as n from conversations where id = any(${ids}::bigint[]) and status = 'closed'`;
  t.equal(closed?.n, 0, 'e typed in the reply closed nothing');

  await page.keyboard.press('/');
  t.ok(await focused('#search'), '/ focuses the search');
  t.equal(await page.inputValue('#search'), '', 'without typing the slash');
  await page.keyboard.type('?');
  await page.locator('#search').fill('');
  await page.locator('#conversation-title').click();
  // While the shortcuts dialog is open k is not a shortcut, so reaching Sales 1 shows it never opened.
  await page.keyboard.press('k');
  await opened(1);
  t.equal(await page.locator('#shortcuts').isVisible(), false, 'a ? typed in the search is text');
  await page.keyboard.press('j');
  await opened(2);

  await page.keyboard.press('?');
  await page.locator('#shortcuts').waitFor();
  t.match(await page.locator('#shortcuts').textContent(), /jNext conversation.*kPrevious conversation/);
  await screenshot(page, 'inbox-shortcuts');
  await page.keyboard.press('j');
  await page.keyboard.press('Escape');
  await page.locator('#shortcuts').waitFor({ state: 'hidden' });
  // Had that j moved the list to Sales 3, k would land on Sales 2, never on Sales 1.
  await page.keyboard.press('k');
  await opened(1);
  t.equal(await current(), 'Sales 1', 'while the dialog is open, j is not a shortcut');
  await page.keyboard.press('j');
  await opened(2);

  await page.keyboard.press('e');
  await page.locator('#reopen').waitFor();
  const [row] = await sql<{ status: string }[]>`select status from conversations where id = ${ids[1]!}`;
  t.equal(row?.status, 'closed', 'e closed the open conversation');
  await page.locator('.conversation', { hasText: 'Sales 2' }).waitFor({ state: 'detached' });
  t.pass('and the list of open conversations lets it go');
});
