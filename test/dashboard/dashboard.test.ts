import t from 'tap';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { AGENT_PASSWORD, createTestAgent } from '../helpers/auth.js';
import { openBrowserPage, screenshot } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { whatsAppMessageBody, whatsAppStatusBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;
const TEXT_ID = 'wamid.DASHBOARD-TEXT';
/** The fixture customer's WhatsApp id: the conversation's key, shown while the contact has no name. */
// The list names the customer by the profile name WhatsApp sends with the message.
const CUSTOMER = 'Sheena Nelson';

t.test('an agent logs in on the dashboard and watches a WhatsApp conversation arrive and fill live', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, liveEvents: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  startTestWorker(t, sql, queue);
  await createTestAgent(sql);
  const page = await openBrowserPage(t);

  /** Posts a signed webhook and waits for the real worker to process its items. */
  async function deliver(body: unknown, itemKeys: string[]) {
    t.equal((await postWebhook(app, 'whatsapp', body)).statusCode, 200);
    await waitUntilProcessed(sql, itemKeys);
  }

  await page.goto(address);
  await page.fill('input[name=email]', 'agent@example.com');
  await page.fill('input[name=password]', AGENT_PASSWORD);
  await screenshot(page, '1-login');
  await page.click('button[type=submit]');
  await page.waitForSelector('#empty:visible');
  await page.waitForSelector('#inbox[data-live="true"]');

  await deliver(whatsAppTextBody(TEXT_ID, T, 'Is the blue one in stock?'), [TEXT_ID]);
  const conversation = page.locator('.conversation', { hasText: CUSTOMER });
  await conversation.waitFor();
  t.match(await conversation.textContent(), /whatsapp/, 'the list shows the platform');
  t.ok(await conversation.evaluate((node) => node.classList.contains('unread')), 'and that it is unread');

  await conversation.click();
  await page.locator('.message .text', { hasText: 'Is the blue one in stock?' }).waitFor();

  await deliver(
    whatsAppMessageBody('wamid.DASHBOARD-IMAGE', T + 1, {
      type: 'image',
      image: { caption: 'This one', mime_type: 'image/jpeg', id: '1003383421387256' },
    }),
    ['wamid.DASHBOARD-IMAGE'],
  );
  await page.locator('.message .media', { hasText: '1003383421387256' }).waitFor();

  await deliver(
    whatsAppMessageBody('wamid.DASHBOARD-REACTION', T + 2, {
      type: 'reaction',
      reaction: { message_id: TEXT_ID, emoji: '👍' },
    }),
    ['wamid.DASHBOARD-REACTION'],
  );
  // A WhatsApp reaction is a message of its own: the thread shows it on the message it names.
  await page
    .locator('.message', { hasText: 'Is the blue one in stock?' })
    .locator('.reaction-chip', { hasText: '👍' })
    .waitFor();

  await deliver(whatsAppStatusBody({ id: TEXT_ID, status: 'read', timestamp: T + 10 }), [`${TEXT_ID}:status:read`]);
  const tick = page.locator('.message', { hasText: 'Is the blue one in stock?' }).locator('.tick.read');
  await tick.waitFor();
  t.equal(await tick.textContent(), '✓✓');

  const texts = await page
    .locator('#messages .message')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-kind')));
  t.same(texts, ['text', 'image'], 'messages in platform order, the reaction on its message');
  t.equal(await page.locator('.conversation.unread').count(), 0, 'opening the conversation marked it read');
  await screenshot(page, '2-conversation');
});

t.test('the dashboard page loads only its own hashed assets, under a strict content security policy', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  const page = await app.inject({ method: 'GET', url: '/' });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /^text\/html/);
  t.match(page.headers['content-security-policy'], /default-src 'self'; script-src 'self'/);
  t.equal(page.headers['cache-control'], 'no-cache', 'the page is asked for again, so it names the current bundle');
  const script = /<script type="module" src="\/assets\/(dashboard-\w+\.js)">/.exec(page.body)?.[1] ?? 'none';
  const style = /<link rel="stylesheet" href="\/assets\/(dashboard-\w+\.css)">/.exec(page.body)?.[1] ?? 'none';
  for (const [file, type] of [
    [script, /^text\/javascript/],
    [style, /^text\/css/],
  ] as const) {
    const asset = await app.inject({ method: 'GET', url: `/assets/${file}` });
    t.equal(asset.statusCode, 200, file);
    t.match(asset.headers['content-type'], type, file);
    t.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable', `${file} is kept for a year`);
  }
  // Issue 20's budget for the script a first load runs, uncompressed.
  const scriptBytes = (await app.inject({ method: 'GET', url: `/assets/${script}` })).rawPayload.length;
  t.ok(scriptBytes <= 300 * 1024, `the script is ${(scriptBytes / 1024).toFixed(1)} KB, within 300 KB`);
  const unknown = await app.inject({ method: 'GET', url: '/assets/dashboard-OLD.js' });
  t.equal(unknown.statusCode, 404, 'a name the manifest does not hold is not served');
});

t.test('every address the dashboard routes answers its page, so a link or a reload opens that screen', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  const home = (await app.inject({ method: 'GET', url: '/' })).body;
  for (const url of ['/login', '/conversations/42', '/admin/users', '/admin/tokens', '/admin/endpoints']) {
    const page = await app.inject({ method: 'GET', url });
    t.equal(page.statusCode, 200, url);
    t.equal(page.body, home, `${url} is the same page`);
  }
  t.equal((await app.inject({ method: 'GET', url: '/nowhere' })).statusCode, 404, 'other addresses are not');
});
