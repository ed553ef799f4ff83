import t from 'tap';
import { createScopedAgent } from '../helpers/auth.js';
import { logInOnDashboard, openBrowserPage } from '../helpers/browser.js';
import { startTwoChannelDashboard } from '../helpers/dashboard-stack.js';
import { WHATSAPP_NUMBER } from '../helpers/webhook-bodies.js';

const T = 1749416383;

t.test(
  'an agent of Sales sees only Sales’s conversations, only Sales in the switcher, and no Users screen',
  async (t) => {
    const { sql, address, sales, deliverTexts } = await startTwoChannelDashboard(t);
    await createScopedAgent(sql, 'sales@example.com', [sales]);
    await deliverTexts(
      [
        [WHATSAPP_NUMBER, 'wamid.AGENT-SALES', 'Is the blue one in stock?'],
        ['555', 'wamid.AGENT-SUPPORT', 'My order is late'],
        ['999000111222333', 'wamid.AGENT-STRAY', 'Hello, anyone there?'],
      ],
      T,
    );

    const page = await openBrowserPage(t);
    await logInOnDashboard(page, address, 'sales@example.com');
    await page.locator('.conversation', { hasText: 'Sales' }).waitFor();
    // The list is drawn whole from one answer: once the Sales row shows, so does every other row.
    const rows = await page.locator('.conversation').allTextContents();
    t.equal(rows.length, 1, 'only the conversation of its channel');
    t.match(rows[0], /whatsapp · Sales/);

    await page.locator('#channel-switcher button', { hasText: 'Sales · whatsapp' }).waitFor();
    t.same(
      await page.locator('#channel-switcher .channel-name').allTextContents(),
      ['All channels', 'Sales · whatsapp'],
      'the switcher offers its channel only, and no unrouted conversations',
    );
    t.equal(await page.locator('#show-users').isVisible(), false, 'no Users button');
    t.match(await page.locator('#whoami').textContent(), /· agent$/, 'the header names its role');
  },
);
