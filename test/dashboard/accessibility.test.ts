import t from 'tap';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { blockingViolations, checkAccessibility } from '../helpers/accessibility.js';
import { createTestAgent, loginCookie } from '../helpers/auth.js';
import { logInOnDashboard, openBrowserPage } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { whatsAppMessageBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;
const ADMIN = 'admin@example.com';
const DESKTOP = { width: 1100, height: 640 };
const PHONE = { width: 390, height: 844 };

t.test(
  'axe-core finds no serious or critical violation on any screen, at desktop and phone width, light and dark',
  async (t) => {
    t.setTimeout(240_000);
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app } = await createTestApp(t, { sql, queue, liveEvents: true });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    startTestWorker(t, sql, queue);
    await createTestAgent(sql, ADMIN, 'admin');
    for (const [id, body] of [
      ['wamid.A11Y-TEXT', whatsAppTextBody('wamid.A11Y-TEXT', T, 'Is the blue one in stock?')],
      [
        'wamid.A11Y-IMAGE',
        whatsAppMessageBody('wamid.A11Y-IMAGE', T + 1, {
          type: 'image',
          image: { caption: 'This one', mime_type: 'image/jpeg', id: '1003383421387256' },
        }),
      ],
    ] as const) {
      t.equal((await postWebhook(app, 'whatsapp', body)).statusCode, 200);
      await waitUntilProcessed(sql, [id]);
    }
    const [conversation] = await sql<{ id: number }[]>`select id from conversations order by id limit 1`;
    // The conversation screen with everything an agent adds drawn too: a label and a private note.
    const cookie = await loginCookie(app, ADMIN);
    const work = `/api/conversations/${conversation?.id}`;
    for (const [url, payload, status] of [
      [`${work}/labels`, { label: 'vip' }, 200],
      [`${work}/notes`, { text: 'Called back, waiting on stock' }, 201],
    ] as const)
      t.equal((await app.inject({ method: 'POST', url, headers: { cookie }, payload })).statusCode, status, url);

    const page = await openBrowserPage(t);
    /** The screens by address, each with what shows once the page has drawn it. */
    const screens = [
      ['inbox', '/', '.conversation'],
      ['conversation', `/conversations/${conversation?.id}`, '.message'],
      ['users', '/admin/users', '#user-rows tr'],
      ['channels', '/admin/channels', '#channel-rows tr'],
      ['tokens', '/admin/tokens', '#add-token'],
      ['endpoints', '/admin/endpoints', '#add-endpoint'],
    ] as const;

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const [width, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.context().clearCookies();
        await page.goto(`${address}/login`);
        await page.locator('#login').waitFor();
        await checkAccessibility(t, page, `login, ${width}, ${colorScheme}`);
        await logInOnDashboard(page, address, ADMIN);
        for (const [screen, path, drawn] of screens) {
          await page.goto(`${address}${path}`);
          await page.locator(drawn).first().waitFor();
          await checkAccessibility(t, page, `${screen}, ${width}, ${colorScheme}`);
        }
      }
    }
  },
);

t.test('the check names an unlabelled control and unreadable text as serious violations', async (t) => {
  const page = await openBrowserPage(t);
  await page.setContent(
    '<html lang="en"><title>x</title><main><h1>x</h1><input type="text">' +
      '<p style="color:#bbb;background:#fff">too faint to read</p></main></html>',
  );
  const rules = (await blockingViolations(t, page, 'a broken page')).map((violation) => violation.rule).sort();
  t.same(rules, ['color-contrast', 'label'], 'both found');
});
