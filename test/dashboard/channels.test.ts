import t from 'tap';
import { AGENT_PASSWORD, createTestAgent } from '../helpers/auth.js';
import { openBrowserPage, screenshot } from '../helpers/browser.js';
import { startTwoChannelDashboard } from '../helpers/dashboard-stack.js';
import { WHATSAPP_NUMBER } from '../helpers/webhook-bodies.js';

const T = 1749416383;

t.test('an agent sees each conversation’s channel and filters the list by channel', async (t) => {
  const { sql, address, support, deliverTexts } = await startTwoChannelDashboard(t);
  await createTestAgent(sql);
  await deliverTexts(
    [
      [WHATSAPP_NUMBER, 'wamid.DASH-SALES', 'Is the blue one in stock?'],
      ['999000111222333', 'wamid.DASH-STRAY', 'Hello, anyone there?'],
    ],
    T,
  );

  const page = await openBrowserPage(t);
  await page.goto(address);
  await page.fill('input[name=email]', 'agent@example.com');
  await page.fill('input[name=password]', AGENT_PASSWORD);
  await page.click('button[type=submit]');
  const sales = page.locator('.conversation', { hasText: 'Sales' });
  const stray = page.locator('.conversation', { hasText: 'unrouted' });
  await sales.waitFor();
  await stray.waitFor();
  t.match(await sales.textContent(), /whatsapp · Sales/, 'the list names the channel beside the platform');

  await page.locator('#channel option', { hasText: 'Support · whatsapp' }).waitFor({ state: 'attached' });
  t.same(
    await page.locator('#channel option').allTextContents(),
    ['All channels', 'Sales · whatsapp', 'Support · whatsapp', 'Unrouted'],
    'the filter offers every channel, then the unrouted conversations',
  );

  const rows = () => page.locator('.conversation').allTextContents();
  await page.selectOption('#channel', 'unrouted');
  // The list is replaced whole, so once the Sales row is gone the filtered list is showing.
  await sales.waitFor({ state: 'detached' });
  const unrouted = await rows();
  t.equal(unrouted.length, 1, 'only the unrouted conversation');
  t.match(unrouted[0], /whatsapp · unrouted/);

  await page.selectOption('#channel', String(support));
  await page.locator('#empty', { hasText: 'No conversations match these filters.' }).waitFor();

  // From the empty list, so the row that appears is the filtered list's.
  await page.selectOption('#channel', { label: 'Sales · whatsapp' });
  await sales.waitFor();
  t.equal((await rows()).length, 1, 'only the Sales conversation');
  await sales.click();
  await page.locator('#conversation-title', { hasText: 'Sales' }).waitFor();
  t.match(await page.locator('#conversation-title').textContent(), /· whatsapp · Sales$/, 'the header names it too');
  await screenshot(page, 'channels-filtered');
});
