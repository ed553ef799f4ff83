import { createHmac } from 'node:crypto';
import t from 'tap';
import { Webhook } from 'standardwebhooks';
import { loadConfig } from '../../src/config/load-config.js';
import { endpointPolicy } from '../../src/endpoints/endpoint-policy.js';
import { registerEndpoint } from '../../src/endpoints/register-endpoint.js';
import { configuredTestJobs } from '../helpers/jobs.js';
import { listDeliveries } from '../../src/store/endpoint-deliveries.js';
import { enableEndpoint, insertEndpoint, listEndpoints } from '../../src/store/endpoints.js';
import { insertJobs } from '../../src/store/jobs.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { startEndpointReceiver, type ReceivedDelivery } from '../helpers/endpoint-receiver.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppStatusBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';
import { TEST_BY } from '../helpers/audit.js';

const T = 1749416383;
const MAX_RECEIVES = 3;
const DISABLE_AFTER = 3;

t.test('subscribed endpoints receive signed events through the queue', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t, { maxReceiveCount: MAX_RECEIVES, visibilityTimeoutSeconds: 2 });
  const { app, outbox } = await createTestApp(t, { sql, queue });
  const receiver = await startEndpointReceiver(t);
  // A second server no endpoint may reach: it counts connections to show a refusal never connects.
  const forbidden = await startEndpointReceiver(t);
  const config = loadConfig({
    ENDPOINT_PRIVATE_HOSTS: `127.0.0.1:${receiver.port}`,
    ENDPOINT_DISABLE_AFTER_FAILURES: String(DISABLE_AFTER),
    ENDPOINT_TIMEOUT_MS: '2000',
  });
  startTestWorker(t, sql, queue, {
    jobs: await configuredTestJobs(t, sql, config),
    maxReceiveCount: MAX_RECEIVES,
  });
  const policy = endpointPolicy(config.endpoints);
  const subscribe = (path: string, events: string) =>
    registerEndpoint(sql, policy, { url: receiver.url(path), events }, TEST_BY);
  const { authorization } = await bearerHeaders(sql);

  async function post(id: string, seconds: number) {
    t.equal((await postWebhook(app, 'whatsapp', whatsAppTextBody(id, T + seconds, `text of ${id}`))).statusCode, 200);
    await waitUntilProcessed(sql, [id]);
  }
  const parsed = (d: ReceivedDelivery) => JSON.parse(d.body) as { type: string; timestamp: string; data: any };
  const about = (id: string) => (d: ReceivedDelivery) => parsed(d).data.message?.externalId === id;
  /** The deliver_event jobs planned for an endpoint, with how they ended. */
  const jobsOf = (endpointId: number) => sql<{ status: string; attempts: number; last_error: string | null }[]>`
    select status, attempts, last_error from queue_logs where job = 'deliver_event' and (job_payload ->> 'endpointId')::bigint = ${endpointId} order by id`;
  const settledJobs = (endpointId: number, count: number) =>
    waitFor(`${count} jobs of endpoint ${endpointId} settled`, async () => {
      const jobs = await jobsOf(endpointId);
      return jobs.length === count && jobs.every((j) => ['processed', 'dead'].includes(j.status)) && jobs;
    });

  t.test(
    'a subscribed endpoint receives a signed event that verifies with the Standard Webhooks reference library',
    async (t) => {
      const endpoint = await subscribe('/signed', 'message.received,conversation.created');
      t.match(endpoint.secret, /^whsec_[A-Za-z0-9+/]{32}$/);
      await post('wamid.EP-SIGNED', 0);
      const [created, received] = await waitFor(
        'both events',
        async () => receiver.at('/signed').length === 2 && receiver.at('/signed'),
      );
      for (const delivery of [created!, received!]) {
        const headers = {
          'webhook-id': String(delivery.headers['webhook-id']),
          'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
          'webhook-signature': String(delivery.headers['webhook-signature']),
        };
        t.same(
          new Webhook(endpoint.secret).verify(delivery.body, headers),
          JSON.parse(delivery.body),
          'the reference library verifies it',
        );
        // The spec's construction, by hand: base64 HMAC-SHA256 of "id.timestamp.body" under the decoded secret.
        const key = Buffer.from(endpoint.secret.slice('whsec_'.length), 'base64');
        const expected = createHmac('sha256', key)
          .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${delivery.body}`)
          .digest('base64');
        t.equal(headers['webhook-signature'], `v1,${expected}`);
        t.match(delivery.headers['content-type'], /^application\/json/);
      }
      t.not(created!.headers['webhook-id'], received!.headers['webhook-id'], 'each event has its own webhook-id');
      const types = [parsed(created!), parsed(received!)].map((e) => e.type).sort();
      t.same(
        types,
        ['conversation.created', 'message.received'],
        'the conversation is announced once, with its first message',
      );

      const event = parsed(received!);
      t.ok(Number.isFinite(Date.parse(event.timestamp)));
      const conversationId = event.data.conversation.id;
      const messages = await app.inject({
        method: 'GET',
        url: `/api/conversations/${conversationId}/messages`,
        headers: { authorization },
      });
      t.same(
        event.data.message,
        messages.json().messages.find((m: { externalId: string }) => m.externalId === 'wamid.EP-SIGNED'),
        'the message as the API presents it',
      );
      const list = await app.inject({ method: 'GET', url: '/api/conversations', headers: { authorization } });
      t.same(
        event.data.conversation,
        list.json().conversations.find((c: { id: number }) => c.id === conversationId),
        'the conversation as the API lists it',
      );
      t.match(event.data.conversation, {
        platform: 'whatsapp',
        contactName: String,
        lastMessage: { text: 'text of wamid.EP-SIGNED' },
      });

      await post('wamid.EP-SIGNED-2', 1);
      await waitFor('the second message', async () => receiver.at('/signed').some(about('wamid.EP-SIGNED-2')));
      await settledJobs(endpoint.id, 3);
      t.same(
        receiver
          .at('/signed')
          .map((d) => parsed(d).type)
          .filter((type) => type === 'conversation.created'),
        ['conversation.created'],
        'no second conversation.created',
      );
    },
  );

  t.test(
    'an endpoint answering 500 gets the same event again, with the same webhook-id and body, until it takes it',
    async (t) => {
      receiver.answer('/flaky', (nth) => ({ status: nth === 1 ? 500 : 204 }));
      const endpoint = await subscribe('/flaky', 'message.received');
      await post('wamid.EP-FLAKY', 10);
      const [job] = await settledJobs(endpoint.id, 1);
      t.match(job, { status: 'processed', attempts: 2, last_error: null });
      const [first, second] = receiver.at('/flaky');
      t.equal(receiver.at('/flaky').length, 2);
      t.equal(second!.headers['webhook-id'], first!.headers['webhook-id']);
      t.equal(second!.body, first!.body);
      const log = (await listDeliveries(sql, endpoint.id)).reverse();
      t.match(log, [
        {
          attempt: 1,
          statusCode: 500,
          error: 'HTTP 500',
          webhookId: first!.headers['webhook-id'],
          eventType: 'message.received',
        },
        { attempt: 2, statusCode: 204, error: null, webhookId: first!.headers['webhook-id'] },
      ]);
      t.match(
        (await listEndpoints(sql)).find((e) => e.id === endpoint.id),
        { enabled: true, consecutiveFailures: 0 },
        'a success resets the run',
      );
    },
  );

  t.test("an endpoint's Retry-After holds the retry back as long as it asks", async (t) => {
    receiver.answer('/busy', (nth) => (nth === 1 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 }));
    const endpoint = await subscribe('/busy', 'message.received');
    await post('wamid.EP-BUSY', 20);
    await settledJobs(endpoint.id, 1);
    const [first, second] = receiver.at('/busy');
    // The test worker's own backoff is 0 s: only Retry-After can hold the retry back.
    t.ok(second!.at - first!.at >= 1500, `retried after ${second!.at - first!.at} ms`);
  });

  t.test('an endpoint on loopback that is not allowed is refused for good and never connected to', async (t) => {
    // A name passes `endpoint add`; what it resolves to is judged at each delivery.
    const endpoint = await insertEndpoint(sql, {
      url: `http://localhost:${forbidden.port}/hook`,
      eventTypes: ['message.received'],
      secret: 'whsec_c2VjcmV0LWZvci10ZXN0cy1vbmx5',
    });
    await post('wamid.EP-REFUSED', 30);
    const [job] = await settledJobs(endpoint.id, 1);
    t.match(job, {
      status: 'processed',
      attempts: 1,
      last_error: /^refused http:\/\/localhost:\d+: localhost resolves to a non-public address/,
    });
    t.equal(forbidden.connections, 0);
    t.match(await listDeliveries(sql, endpoint.id), [{ attempt: 1, statusCode: null, error: job!.last_error }]);
  });

  t.test(
    'after the configured run of failures an endpoint is disabled: its pending deliveries fail and it gets nothing more',
    async (t) => {
      let down = true;
      receiver.answer('/down', () => ({ status: down ? 503 : 200 }));
      const endpoint = await subscribe('/down', 'message.received');
      await post('wamid.EP-DOWN-1', 40);
      const [failing] = await settledJobs(endpoint.id, 1);
      t.equal(receiver.at('/down').length, DISABLE_AFTER);
      t.match(
        failing,
        { status: 'processed', attempts: DISABLE_AFTER, last_error: 'HTTP 503' },
        'the attempt that disabled it ends the job, not the DLQ',
      );
      const [disabled] = (await listEndpoints(sql)).filter((e) => e.id === endpoint.id);
      t.match(disabled, {
        enabled: false,
        consecutiveFailures: DISABLE_AFTER,
        disabledAt: Date,
        disabledReason: '3 consecutive failed deliveries; the last: HTTP 503',
      });

      // A delivery planned before the endpoint was disabled, still queued.
      const [message] = await sql<{ id: string }[]>`select id from messages where external_id = 'wamid.EP-DOWN-1'`;
      const [unit] = await insertJobs(sql, [
        {
          kind: 'deliver_event',
          messageId: Number(message!.id),
          payload: { endpointId: endpoint.id, webhookId: 'msg_pending', type: 'message.received', body: '{}' },
        },
      ]);
      await outbox.send([unit!]);
      const [, pending] = await settledJobs(endpoint.id, 2);
      t.match(pending, { status: 'processed', attempts: 1, last_error: `endpoint ${endpoint.id} is disabled` });

      await post('wamid.EP-DOWN-2', 41);
      t.equal((await jobsOf(endpoint.id)).length, 2, 'a disabled endpoint gets no new job');
      t.equal(receiver.at('/down').length, DISABLE_AFTER, 'and no request');

      down = false;
      await enableEndpoint(sql, endpoint.id);
      await post('wamid.EP-DOWN-3', 42);
      await settledJobs(endpoint.id, 3);
      t.ok(receiver.at('/down').some(about('wamid.EP-DOWN-3')), 're-enabled, it receives again');
    },
  );

  t.test('an endpoint subscribed to other event types gets nothing, and its own type when it comes', async (t) => {
    const endpoint = await subscribe('/statuses', 'message.status');
    await post('wamid.EP-OTHER', 50);
    t.same(await jobsOf(endpoint.id), [], 'no job for a message');
    t.equal(
      (
        await postWebhook(
          app,
          'whatsapp',
          whatsAppStatusBody({ id: 'wamid.EP-OTHER', status: 'read', timestamp: T + 51 }),
        )
      ).statusCode,
      200,
    );
    await settledJobs(endpoint.id, 1);
    const [delivery] = receiver.at('/statuses');
    t.equal(receiver.at('/statuses').length, 1);
    t.match(parsed(delivery!), {
      type: 'message.status',
      data: {
        status: { status: 'read' },
        messageRef: { platform: 'whatsapp', externalId: 'wamid.EP-OTHER' },
        message: { externalId: 'wamid.EP-OTHER', deliveryStatus: 'read' },
      },
    });
  });
});
