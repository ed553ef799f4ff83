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
  await page.keyboard.type('just kidding');
  t.equal(await page.inputValue('#reply textarea'), 'just kidding', 'keys typed there are text, not shortcuts');
  t.equal(await current(), 'Sales 2', 'j typed in the reply moved nothing');
  await page.locator('#reply textarea').fill('');
  await page.locator('#conversation-title').click();

  await page.keyboard.press('/');
  t.ok(await focused('#search'), '/ focuses the search');
  t.equal(await page.inputValue('#search'), '', 'without typing the slash');
  await page.keyboard.type('?');
  t.equal(await page.locator('#shortcuts').isVisible(), false, 'a ? typed in the search is text');
  await page.locator('#search').fill('');
  await page.locator('#conversation-title').click();

  await page.keyboard.press('?');
  await page.locator('#shortcuts').waitFor();
  t.match(await page.locator('#shortcuts').textContent(), /jNext conversation.*kPrevious conversation/);
  await screenshot(page, 'inbox-shortcuts');
  await page.keyboard.press('j');
  t.equal(await current(), 'Sales 2', 'while the dialog is open, j is not a shortcut');
  await page.keyboard.press('Escape');
  await page.locator('#shortcuts').waitFor({ state: 'hidden' });

  await page.keyboard.press('e');
  await page.locator('#reopen').waitFor();
  const [row] = await sql<{ status: string }[]>`select status from conversations where id = ${ids[1]!}`;
  t.equal(row?.status, 'closed', 'e closed the open conversation');
  await page.locator('.conversation', { hasText: 'Sales 2' }).waitFor({ state: 'detached' });
  t.pass('and the list of open conversations lets it go');
});
