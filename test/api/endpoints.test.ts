import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { endpointPolicy } from '../../src/endpoints/endpoint-policy.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { auditRows } from '../helpers/audit.js';
import { bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { createTestDatabase } from '../helpers/database.js';
import { startEndpointReceiver } from '../helpers/endpoint-receiver.js';
import { configuredTestJobs } from '../helpers/jobs.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

t.test('subscribed endpoints over /api/endpoints', async (t) => {
  t.setTimeout(120_000);
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const receiver = await startEndpointReceiver(t);
  const config = loadConfig({ ENDPOINT_PRIVATE_HOSTS: `127.0.0.1:${receiver.port}`, ENDPOINT_TIMEOUT_MS: '2000' });
  const { logger, text: logText } = capturedLogger();
  const { app } = await createTestApp(t, { sql, queue, logger, endpointPolicy: endpointPolicy(config.endpoints) });
  startTestWorker(t, sql, queue, { jobs: await configuredTestJobs(t, sql, config) });
  await createTestAgent(sql, 'root@example.com', 'admin');
  await createTestAgent(sql, 'ana@example.com', 'agent');
  // Sessions name themselves as the dashboard's script does, so a bodiless POST or DELETE passes the CSRF check.
  const session = async (email: string) => ({ cookie: await loginCookie(app, email), 'x-requested-with': 'omni' });
  const admin = await session('root@example.com');
  const add = (payload: object) => app.inject({ method: 'POST', url: '/api/endpoints', headers: admin, payload });

  t.test('agents, by session or token, get 403 from every endpoint route', async (t) => {
    const agentToken = await bearerHeaders(sql, 'agent-token', { role: 'agent', channelIds: [] });
    for (const headers of [await session('ana@example.com'), { authorization: agentToken.authorization }]) {
      for (const route of [
        { method: 'GET', url: '/api/endpoints' },
        { method: 'POST', url: '/api/endpoints', payload: { url: receiver.url('/agent'), events: ['*'] } },
        { method: 'DELETE', url: '/api/endpoints/1' },
        { method: 'POST', url: '/api/endpoints/1/disable' },
        { method: 'POST', url: '/api/endpoints/1/enable' },
        { method: 'GET', url: '/api/endpoints/1/deliveries' },
      ] as const) {
        const response = await app.inject({ ...route, headers });
        t.equal(response.statusCode, 403, `${route.method} ${route.url}`);
        t.equal(response.json().error.code, 'OMNI_ERR_AUTH_ADMIN_REQUIRED');
      }
    }
    t.equal((await sql`select 1 from endpoints`).length, 0, 'nothing was added');
  });

  t.test('a refused body answers 400 naming the field at fault', async (t) => {
    const cases = [
      [{ events: ['*'] }, /url/, 'OMNI_ERR_API_BAD_REQUEST'],
      [{ url: receiver.url('/x'), events: [] }, /events/, 'OMNI_ERR_API_BAD_REQUEST'],
      [{ url: receiver.url('/x'), events: ['message.sent'] }, /events/, 'OMNI_ERR_API_BAD_REQUEST'],
      [{ url: 'ftp://example.com/x', events: ['*'] }, /only http and https/, 'OMNI_ERR_ENDPOINT_INVALID'],
      [{ url: 'http://10.0.0.1/x', events: ['*'] }, /ENDPOINT_PRIVATE_HOSTS/, 'OMNI_ERR_ENDPOINT_INVALID'],
    ] as const;
    for (const [payload, message, code] of cases) {
      const response = await add(payload);
      t.equal(response.statusCode, 400, JSON.stringify(payload));
      t.match(response.json().error, { code, message }, JSON.stringify(payload));
    }
    t.equal((await sql`select 1 from endpoints`).length, 0, 'nothing was added');
  });

  t.test(
    'an endpoint is added with its secret shown once, delivered to, disabled, re-enabled and removed',
    async (t) => {
      const added = await add({ url: receiver.url('/hooks?key=k1'), events: ['message.received'] });
      t.equal(added.statusCode, 201);
      const { endpoint, secret } = added.json();
      t.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/);
      t.match(endpoint, { url: receiver.url('/hooks?key=k1'), eventTypes: ['message.received'], enabled: true });
      t.notOk('secret' in endpoint);

      const listed = await app.inject({ method: 'GET', url: '/api/endpoints', headers: admin });
      t.same(listed.json().endpoints, [endpoint], 'listed as it was answered');
      t.notOk(listed.body.includes(secret), 'the list never holds the secret');

      const sent = await postWebhook(app, 'whatsapp', whatsAppTextBody('wamid.API-EP', 1749416383, 'hello'));
      t.equal(sent.statusCode, 200);
      await waitUntilProcessed(sql, ['wamid.API-EP']);
      const deliveries = async () =>
        (await app.inject({ method: 'GET', url: `/api/endpoints/${endpoint.id}/deliveries`, headers: admin })).json()
          .deliveries;
      const [delivery] = await waitFor('the delivery logged', async () => {
        const logged = await deliveries();
        return logged.length > 0 && logged;
      });
      t.match(delivery, {
        endpointId: endpoint.id,
        eventType: 'message.received',
        attempt: 1,
        statusCode: 200,
        error: null,
      });
      t.equal(
        receiver.at('/hooks?key=k1')[0]?.headers['webhook-id'],
        delivery.webhookId,
        'the log names what was sent',
      );

      const disabled = await app.inject({
        method: 'POST',
        url: `/api/endpoints/${endpoint.id}/disable`,
        headers: admin,
      });
      t.equal(disabled.statusCode, 200);
      t.match(disabled.json().endpoint, { enabled: false, disabledReason: 'disabled by root@example.com' });
      t.ok(Date.parse(disabled.json().endpoint.disabledAt));
      const enabled = await app.inject({ method: 'POST', url: `/api/endpoints/${endpoint.id}/enable`, headers: admin });
      t.match(enabled.json().endpoint, {
        enabled: true,
        disabledAt: null,
        disabledReason: null,
        consecutiveFailures: 0,
      });

      const removed = await app.inject({ method: 'DELETE', url: `/api/endpoints/${endpoint.id}`, headers: admin });
      t.equal(removed.statusCode, 204);
      for (const route of [
        { method: 'DELETE', url: `/api/endpoints/${endpoint.id}` },
        { method: 'POST', url: `/api/endpoints/${endpoint.id}/disable` },
        { method: 'POST', url: `/api/endpoints/${endpoint.id}/enable` },
        { method: 'GET', url: `/api/endpoints/${endpoint.id}/deliveries` },
      ] as const) {
        const gone = await app.inject({ ...route, headers: admin });
        t.equal(gone.statusCode, 404, `${route.method} ${route.url}`);
        t.equal(gone.json().error.code, 'OMNI_ERR_ENDPOINT_NOT_FOUND');
      }

      const audit = (await auditRows(sql)).filter((row) => row.target_kind === 'endpoint');
      t.same(
        audit.map((row) => [row.action, row.actor_name, row.target_id]),
        ['created', 'disabled', 'enabled', 'removed'].map((what) => [
          `endpoint.${what}`,
          'root@example.com',
          String(endpoint.id),
        ]),
      );
      t.notOk(
        audit.some((row) => row.text.includes('k1')),
        'the audit log names the origin only',
      );
      t.ok(logText().includes('/api/endpoints'), 'the requests were logged');
      t.notOk(logText().includes(secret.slice(6)), 'and no log line holds the secret');
    },
  );
});
