import t from 'tap';
import { AGENT_PASSWORD, createTestAgent } from '../helpers/auth.js';
import { openBrowserPage, screenshot } from '../helpers/browser.js';
import { startTwoChannelDashboard } from '../helpers/dashboard-stack.js';
import { WHATSAPP_NUMBER } from '../helpers/webhook-bodies.js';

const T = 1749416383;

t.test(
  'an agent sees each conversation’s channel and switches the list between channels, each with its unread count',
  async (t) => {
    const { sql, address, deliverTexts } = await startTwoChannelDashboard(t);
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

    const switcher = page.locator('#channel-switcher');
    const choice = (name: string) => switcher.locator('button', { hasText: name });
    await choice('Support · whatsapp').waitFor();
    t.same(
      await switcher.locator('.channel-name').allTextContents(),
      ['All channels', 'Sales · whatsapp', 'Support · whatsapp', 'Unrouted'],
      'the switcher offers every channel, then the unrouted conversations',
    );
    // Each choice names its unread conversations to a screen reader as its badge shows them.
    await switcher.getByRole('button', { name: 'All channels 2 unread', exact: true }).waitFor();
    const badges = async () =>
      Object.fromEntries(
        await Promise.all(
          (await switcher.locator('button').all()).map(async (b) => [
            await b.locator('.channel-name').textContent(),
            await b
              .locator('.unread-count')
              .textContent()
              .catch(() => '0'),
          ]),
        ),
      );
    t.same(
      await badges(),
      { 'All channels': '2', 'Sales · whatsapp': '1', 'Support · whatsapp': '0', Unrouted: '1' },
      'each channel’s unread count, none on Support',
    );
    await page.waitForFunction("document.title === '(2) Omni'");
    t.pass('the tab title counts the unread conversations');

    const rows = () => page.locator('.conversation').allTextContents();
    await choice('Unrouted').click();
    // The list is replaced whole, so once the Sales row is gone the filtered list is showing.
    await sales.waitFor({ state: 'detached' });
    const unrouted = await rows();
    t.equal(unrouted.length, 1, 'only the unrouted conversation');
    t.match(unrouted[0], /whatsapp · unrouted/);
    t.equal(await choice('Unrouted').getAttribute('aria-pressed'), 'true', 'the chosen channel is pressed');

    await choice('Support · whatsapp').click();
    await page.locator('#empty', { hasText: 'No conversations match these filters.' }).waitFor();

    // From the empty list, so the row that appears is the filtered list's.
    await choice('Sales · whatsapp').click();
    await sales.waitFor();
    t.equal((await rows()).length, 1, 'only the Sales conversation');
    await sales.click();
    await page.locator('#conversation-title', { hasText: 'Sales' }).waitFor();
    t.match(await page.locator('#conversation-title').textContent(), /· whatsapp · Sales$/, 'the header names it too');
    // Opening it reads it: Sales's count goes, and the total and the title fall with it.
    await switcher.getByRole('button', { name: 'All channels 1 unread', exact: true }).waitFor();
    t.equal(await choice('Sales · whatsapp').locator('.unread-count').count(), 0, 'Sales has none unread');
    await page.waitForFunction("document.title === '(1) Omni'");
    await screenshot(page, 'channels-filtered');
  },
);
