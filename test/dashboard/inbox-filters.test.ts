import t from 'tap';
import { createScopedAgent } from '../helpers/auth.js';
import { screenshot } from '../helpers/browser.js';
import { openSeededDashboard, waitForNames } from '../helpers/seeded-dashboard.js';

const names = (...ns: number[]) => ns.map((n) => `Sales ${n}`);

t.test('each filter narrows the list: status, unread, mine, unassigned and search', async (t) => {
  t.setTimeout(120_000);
  // Sales 1 is the newest. Every 3rd is read, every 4th closed; 5 and 10 are the admin's, 1 another agent's.
  const { sql, page, sales } = await openSeededDashboard(t, {
    count: 12,
    name: 'Sales',
    readEvery: 3,
    closedEvery: 4,
    assigneeOf: (n, me) => (n % 5 === 0 ? me : undefined),
  });
  const other = await createScopedAgent(sql, 'other@example.com', [sales]);
  await sql`update conversations set assignee_agent_id = ${other.id} where conversation_key = 'seed-Sales-1'`;
  await page.reload();

  await waitForNames(page, names(1, 2, 3, 5, 6, 7, 9, 10, 11));
  t.pass('at first, the open conversations');
  const first = page.locator('.conversation').first();
  await first.locator('.row-assignee', { hasText: '→ Test Agent' }).waitFor();
  t.pass('a row names its assignee');
  t.equal(await first.locator('.avatar').textContent(), 'S', 'initials stand in for a missing picture');
  t.match(await first.locator('.platform').textContent(), /whatsapp · Sales/, 'the platform and channel');
  t.equal(await first.locator('.preview').textContent(), 'Message from Sales 1', 'the last message');
  t.equal(await first.locator('.badge').textContent(), 'unread', 'the unread badge');

  await page.selectOption('#status', 'closed');
  await waitForNames(page, names(4, 8, 12));
  t.pass('closed');

  await page.selectOption('#status', '');
  await page.check('#unread-only');
  await waitForNames(page, names(1, 2, 4, 5, 7, 8, 10, 11));
  t.pass('unread, of any status');

  await page.uncheck('#unread-only');
  await page.selectOption('#status', 'open');
  await page.selectOption('#assignee-filter', 'me');
  await waitForNames(page, names(5, 10));
  t.pass('mine');

  await page.selectOption('#assignee-filter', 'none');
  await waitForNames(page, names(2, 3, 6, 7, 9, 11));
  t.pass('unassigned');

  await page.selectOption('#assignee-filter', '');
  await page.fill('#search', 'Sales 11');
  await waitForNames(page, names(11));
  t.pass('search');
  await screenshot(page, 'inbox-filters');

  await page.fill('#search', 'nobody here');
  await page.locator('#empty', { hasText: 'No conversations match these filters.' }).waitFor();
});
