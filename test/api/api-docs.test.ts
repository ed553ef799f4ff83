import t from 'tap';
import { createLocalMediaStore } from '../../src/media/local-media-store.js';
import { createTestApp } from '../helpers/app.js';
import { openBrowserPage } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

interface Operation {
  operationId: string;
  security?: unknown[];
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}
type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema };

const ERROR_BODY = {
  required: ['error'],
  properties: { error: { required: ['code', 'message'], properties: { code: { enum: [/^OMNI_ERR_/] } } } },
};

/** The paths of the object schemas (with properties) in `schema` that have no `required` list. */
function objectsWithoutRequired(schema: Schema, at = '#'): string[] {
  const own = schema.properties && !Array.isArray(schema.required) ? [at] : [];
  const nested = Object.entries(schema.properties ?? {}).flatMap(([name, property]) =>
    objectsWithoutRequired(property, `${at}/${name}`),
  );
  return [...own, ...nested, ...(schema.items ? objectsWithoutRequired(schema.items, `${at}[]`) : [])];
}

t.test('the API docs at /docs', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const mediaStore = createLocalMediaStore(t.testdir());
  const { app } = await createTestApp(t, { sql, queue, apiDocs: true, liveEvents: true, mediaStore });

  t.test('describe every /api route and the webhook routes from their schemas, without logging in', async (t) => {
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
    t.same(
      paths.filter((path) => !path.startsWith('/api/')),
      ['/webhook/{platform}'],
      'the webhook routes are listed; health, metrics and the dashboard page are not',
    );
    const parameters = document.paths['/api/conversations'].get.parameters.map((p: { name: string }) => p.name);
    t.same(parameters.sort(), [
      'account',
      'assignee',
      'channel',
      'cursor',
      'label',
      'limit',
      'platform',
      'q',
      'status',
      'unread',
    ]);
    const channels = document.paths['/api/channels'];
    t.ok(channels.post.requestBody, 'adding a channel shows its fields');
    t.same(Object.keys(channels.post.responses).sort(), ['201', '400', '401', '403', '404', '409', '500', '502']);
    t.same(Object.keys(document.paths['/api/channels/{id}']).sort(), ['delete', 'get', 'patch']);
    t.same(Object.keys(document.components.securitySchemes).sort(), ['session', 'token']);
    t.same(document.paths['/api/login'].post.security, [], 'login needs neither');
  });

  t.test('state the contract of every operation', async (t) => {
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    t.equal(document.openapi, '3.1.0');
    const operations = Object.entries<Record<string, Operation>>(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );
    const ids = operations.map(({ operation }) => operation.operationId);
    t.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    for (const { name, operation } of operations) {
      t.match(operation, { operationId: /^\w+$/, summary: /\S/, tags: [/\S/] }, `${name}: operationId, summary, tag`);
      const statuses = Object.keys(operation.responses);
      if (name.startsWith('POST /api/login') || name.includes('/webhook/')) {
        t.same(operation.security, [], `${name} is public`);
      } else {
        t.ok(statuses.includes('401'), `${name} declares 401`);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        t.not(response.description, 'Default Response', `${name} ${status}: described`);
        for (const [mediaType, { schema }] of Object.entries(response.content ?? {})) {
          if (!mediaType.includes('json')) continue;
          t.same(objectsWithoutRequired(schema), [], `${name} ${status}: every object lists its required fields`);
          if (Number(status) >= 400) t.match(schema, ERROR_BODY, `${name} ${status}: the catalogue's error body`);
        }
      }
    }
    const events = document.paths['/api/events'].get.responses['200'].content;
    t.same(Object.keys(events), ['text/event-stream'], '/api/events is an event stream');
    const media = document.paths['/api/media/{id}'].get.responses;
    for (const status of ['200', '206'])
      t.same(media[status].content['*/*'].schema, { type: 'string', format: 'binary' }, `media ${status} is binary`);
    const reply = document.paths['/api/conversations/{id}/messages'].post.requestBody.content['application/json'];
    t.same(
      reply.schema.oneOf.map((branch: { required: string[] }) => branch.required),
      [['text'], ['media'], ['template']],
      'a reply is exactly one of text, media and template',
    );
    const login = document.paths['/api/login'].post.responses;
    t.same(Object.keys(login).sort(), ['200', '400', '401', '403', '429', '500'], 'login declares its refusals');
    const webhook = document.paths['/webhook/{platform}'].post;
    const headers = webhook.parameters
      .filter((p: { in: string }) => p.in === 'header')
      .map((p: { name: string }) => p.name);
    t.same(headers.sort(), ['x-hub-signature-256', 'x-telegram-bot-api-secret-token']);
    t.ok(webhook.requestBody.content['application/json'], "the platform's JSON is the webhook's body");
    t.same(Object.keys(document.webhooks).sort(), ['conversation.created', 'message.received', 'message.status']);
    for (const [type, { post }] of Object.entries<{ post: Operation & { parameters: { name: string }[] } }>(
      document.webhooks,
    )) {
      t.same(
        post.parameters.map((p) => p.name),
        ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
        `${type}: the Standard Webhooks headers`,
      );
    }
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
