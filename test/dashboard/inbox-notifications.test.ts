import t from 'tap';
import { createTestAgent } from '../helpers/auth.js';
import { logInOnDashboard, openBrowserPage } from '../helpers/browser.js';
import { startTwoChannelDashboard } from '../helpers/dashboard-stack.js';
import { WHATSAPP_NUMBER } from '../helpers/webhook-bodies.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * Records each notification the page raises in `window.notified` (Chromium's headless notifications
 * show nowhere a test can read them), keeping the real Notification's permission and request.
 */
const RECORD_NOTIFICATIONS = `
  window.notified = [];
  window.Notification = class extends window.Notification {
    constructor(title, options) {
      super(title, options);
      window.notified.push({ title, body: options && options.body });
    }
  };`;

t.test(
  'a new message raises a notification once allowed, and the tab title counts the unread until they are read',
  async (t) => {
    t.setTimeout(120_000);
    const { sql, address, deliverTexts } = await startTwoChannelDashboard(t);
    await createTestAgent(sql);
    const page = await openBrowserPage(t);
    await page.addInitScript(RECORD_NOTIFICATIONS);
    await logInOnDashboard(page, address, 'agent@example.com');
    const notified = () => page.evaluate<{ title: string; body: string }[]>('window.notified');
    const title = (wanted: string) => waitFor(`the title ${wanted}`, async () => (await page.title()) === wanted);

    // Permission is asked from the agent's click, never on load.
    const enable = page.locator('#enable-notifications');
    await enable.waitFor();
    await page.context().grantPermissions(['notifications'], { origin: address });
    await enable.click();
    await enable.waitFor({ state: 'detached' });
    t.pass('once allowed, the button goes');
    await page.locator('[data-live="true"]').waitFor();

    await deliverTexts([[WHATSAPP_NUMBER, 'wamid.NOTE-1', 'Is the blue one in stock?']], Math.floor(Date.now() / 1000));
    await waitFor('a notification', async () => (await notified()).length > 0);
    t.same(await notified(), [{ title: 'New message from Sheena Nelson', body: 'Is the blue one in stock?' }]);
    await title('(1) Omni');
    t.pass('the tab title counts the unread conversation');

    await deliverTexts([['555', 'wamid.NOTE-2', 'My order is late']], Math.floor(Date.now() / 1000));
    await title('(2) Omni');
    await waitFor('a second notification', async () => (await notified()).length > 1);
    t.same((await notified())[1], { title: 'New message from Sheena Nelson', body: 'My order is late' });

    // Reading one lowers the count; reading the other clears it.
    await page.locator('.conversation', { hasText: 'Support' }).click();
    await title('(1) Omni');
    await page.locator('.conversation', { hasText: 'Sales' }).click();
    await title('Omni');
    t.pass('read, the title is the bare name again');

    // A message in the conversation the agent is reading raises none; a later one elsewhere does,
    // so once that one is recorded, the first would have been too.
    await deliverTexts([[WHATSAPP_NUMBER, 'wamid.NOTE-3', 'Thanks!']], Math.floor(Date.now() / 1000));
    await deliverTexts([['555', 'wamid.NOTE-4', 'Any news?']], Math.floor(Date.now() / 1000));
    await waitFor('the notification of the other conversation', async () => (await notified()).length > 2);
    t.same(
      (await notified()).slice(2),
      [{ title: 'New message from Sheena Nelson', body: 'Any news?' }],
      'none for the conversation on screen',
    );
  },
);
