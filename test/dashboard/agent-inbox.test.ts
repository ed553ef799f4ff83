import t from 'tap';
import { channelSigning, createTestApp, postWebhook } from '../helpers/app.js';
import { createScopedAgent } from '../helpers/auth.js';
import { logInOnDashboard, openBrowserPage } from '../helpers/browser.js';
import { addTestChannel, CHANNEL_APP_SECRET, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { WHATSAPP_NUMBER, whatsAppTextToNumber } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;

t.test(
  'an agent of Sales sees only Sales’s conversations, only Sales in the filter, and no Users screen',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app, channels } = await createTestApp(t, { sql, queue, liveEvents: true, platforms: {} });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    startTestWorker(t, sql, queue);
    const sales = (await addTestChannel(sql, whatsAppChannel('Sales', WHATSAPP_NUMBER), { directories: [channels] }))
      .channel.id;
    await addTestChannel(sql, whatsAppChannel('Support', '555'), { directories: [channels] });
    await createScopedAgent(sql, 'sales@example.com', [sales]);
    for (const [number, id, text] of [
      [WHATSAPP_NUMBER, 'wamid.AGENT-SALES', 'Is the blue one in stock?'],
      ['555', 'wamid.AGENT-SUPPORT', 'My order is late'],
      ['999000111222333', 'wamid.AGENT-STRAY', 'Hello, anyone there?'],
    ] as const) {
      const body = whatsAppTextToNumber(number, id, T, text);
      t.equal(
        (await postWebhook(app, 'whatsapp', body, channelSigning('whatsapp', CHANNEL_APP_SECRET))).statusCode,
        200,
      );
      await waitUntilProcessed(sql, [id]);
    }

    const page = await openBrowserPage(t);
    await logInOnDashboard(page, address, 'sales@example.com');
    await page.locator('.conversation', { hasText: 'Sales' }).waitFor();
    // The list is drawn whole from one answer: once the Sales row shows, so does every other row.
    const rows = await page.locator('.conversation').allTextContents();
    t.equal(rows.length, 1, 'only the conversation of its channel');
    t.match(rows[0], /whatsapp · Sales/);

    await page.locator('#channel option', { hasText: 'Sales · whatsapp' }).waitFor({ state: 'attached' });
    t.same(
      await page.locator('#channel option').allTextContents(),
      ['All channels', 'Sales · whatsapp'],
      'the filter offers its channel only, and no unrouted conversations',
    );
    t.equal(await page.locator('#show-users').isVisible(), false, 'no Users button');
    t.match(await page.locator('#whoami').textContent(), /· agent$/, 'the header names its role');
  },
);
