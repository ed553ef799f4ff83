import t from 'tap';
import { createTestApp } from '../helpers/app.js';
import { openBrowserPage } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

t.test('the API docs at /docs', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, apiDocs: true });

  t.test('describe every /api route from its schema, and no webhook route, without logging in', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    t.equal(response.statusCode, 200);
    const document = response.json();
    const paths = Object.keys(document.paths);
    for (const path of [
      '/api/login',
      '/api/conversations',
      '/api/conversations/{id}',
      '/api/conversations/{id}/messages',
      '/api/conversations/{id}/assign',
      '/api/conversations/{id}/close',
      '/api/contacts/{id}',
      '/api/contacts/{id}/export',
      '/api/channels',
      '/api/channels/{id}',
      '/api/channels/unrouted',
      '/api/users',
      '/api/users/{id}',
    ]) {
      t.ok(paths.includes(path), path);
    }
    t.notOk(
      paths.some((path) => !path.startsWith('/api/')),
      'webhooks, health and the dashboard page are not listed',
    );
    const parameters = document.paths['/api/conversations'].get.parameters.map((p: { name: string }) => p.name);
    t.same(parameters.sort(), [
      'account',
      'assignee',
      'channel',
      'cursor',
      'limit',
      'platform',
      'q',
      'status',
      'unread',
    ]);
    const channels = document.paths['/api/channels'];
    t.ok(channels.post.requestBody, 'adding a channel shows its fields');
    t.same(Object.keys(channels.post.responses).sort(), ['201', '400', '403', '404', '409', '502']);
    t.same(Object.keys(document.paths['/api/channels/{id}']).sort(), ['delete', 'get', 'patch']);
    t.same(Object.keys(document.components.securitySchemes).sort(), ['session', 'token']);
    t.same(document.paths['/api/login'].post.security, [], 'login needs neither');
  });

  t.test('serve Swagger UI', async (t) => {
    const ui = await app.inject({ method: 'GET', url: '/docs/' });
    t.equal(ui.statusCode, 200);
    t.match(ui.body, /swagger/i);
  });
});

t.test('Swagger UI at /docs loads in a browser under its Content-Security-Policy', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, apiDocs: true });
  const ui = await app.inject({ method: 'GET', url: '/docs/' });
  const policy = String(ui.headers['content-security-policy']);
  t.match(policy, /default-src 'self'/);
  t.match(policy, /script-src 'self'(;|$)/, 'no inline script is allowed');
  t.match(policy, /frame-ancestors 'none'/);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const page = await openBrowserPage(t);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${address}/docs/`);
  await page.getByText('Omni dashboard API').first().waitFor();
  await page.locator('.opblock-summary-path', { hasText: '/api/login' }).first().click();
  await page.getByText('Request body').first().waitFor();
  t.same(violations, [], 'nothing the page needs is blocked');
});
