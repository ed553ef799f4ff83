import t from 'tap';
import {
  createOmniClient,
  OMNI_ITEM_EVENT_NAMES,
  OmniEventStreamError,
  verifyOmniWebhook,
  type OmniStreamEvent,
} from '../../clients/typescript/src/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { endpointPolicy } from '../../src/endpoints/endpoint-policy.js';
import { registerEndpoint } from '../../src/endpoints/register-endpoint.js';
import { ITEM_EVENT_NAMES } from '../../src/realtime/processed-event.js';
import { TEST_BY } from '../helpers/audit.js';
import { bearerHeaders } from '../helpers/auth.js';
import { startEndpointReceiver } from '../helpers/endpoint-receiver.js';
import { pngImage } from '../helpers/media-files.js';
import { startReplyStack } from '../helpers/replies.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

t.test('the typed client, against a real server', async (t) => {
  const receiver = await startEndpointReceiver(t);
  const endpointHosts = { ENDPOINT_PRIVATE_HOSTS: `127.0.0.1:${receiver.port}` };
  const stack = await startReplyStack(t, { env: endpointHosts });
  const endpoint = await registerEndpoint(
    stack.sql,
    endpointPolicy(loadConfig(endpointHosts).endpoints),
    { url: receiver.url('/omni'), events: 'message.received' },
    TEST_BY,
  );
  const address = new URL(await stack.app.listen({ port: 0, host: '127.0.0.1' }));
  // The client reaches Omni through a proxy the test can cut, as a network would drop the stream.
  const proxy = await startTcpProxy('127.0.0.1', Number(address.port));
  t.teardown(() => proxy.close());
  const { token } = await bearerHeaders(stack.sql, 'integration');
  /** The Last-Event-ID of each event stream Omni accepted, in order. */
  const streamsOpened: (string | null)[] = [];
  const omni = createOmniClient({
    baseUrl: `http://127.0.0.1:${proxy.port}/`,
    token,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/api/events') && response.ok)
        streamsOpened.push(new Headers(init?.headers).get('last-event-id'));
      return response;
    },
  });

  const following = new AbortController();
  const seen: OmniStreamEvent[] = [];
  const followed = (async () => {
    for await (const event of omni.followEvents({ signal: following.signal, reconnectDelayMs: 50 })) seen.push(event);
  })();
  t.teardown(async () => {
    following.abort();
    await followed;
  });
  const eventAbout = (messageId: number) =>
    waitFor(`the stream's event for message ${messageId}`, async () =>
      seen.find((e) => e.name !== 'resync' && 'messageId' in e.data && e.data.messageId === messageId),
    );
  await waitFor('the event stream open', async () => streamsOpened.length === 1);
  await stack.deliver('whatsapp', whatsAppTextBody('wamid.CLIENT-1', nowSeconds(), 'Is it in stock?'), [
    'wamid.CLIENT-1',
  ]);
  const first = await stack.inbound('wamid.CLIENT-1');

  t.test('lists the conversations and reads one with its messages', async (t) => {
    const list = await omni.GET('/api/conversations', { params: { query: { platform: 'whatsapp' } } });
    t.equal(list.response.status, 200);
    const listed = list.data!.conversations!.find((c) => c.id === first.conversationId);
    t.match(listed, { platform: 'whatsapp', lastMessage: { text: 'Is it in stock?' } });

    const one = await omni.GET('/api/conversations/{id}', { params: { path: { id: first.conversationId } } });
    t.equal(one.data!.id, first.conversationId);
    const messages = await omni.GET('/api/conversations/{id}/messages', {
      params: { path: { id: first.conversationId } },
    });
    t.same(
      messages.data!.messages!.map((m) => m.text),
      ['Is it in stock?'],
    );

    const missing = await omni.GET('/api/conversations/{id}', { params: { path: { id: 999_999 } } });
    t.equal(missing.response.status, 404);
    t.equal(missing.error!.error!.code, 'OMNI_ERR_API_NOT_FOUND', "Omni's error body comes back as `error`");
  });

  t.test('follows the event stream: the new conversation arrives as its event', async (t) => {
    const event = await eventAbout(first.messageId);
    t.equal(event.name, 'conversation.created');
    t.match(event.data, { conversationId: first.conversationId, kind: 'message', platform: 'whatsapp' });
    t.equal(event.id, String(event.data.seq), 'the event id is its seq, which a reconnect sends back');
  });

  t.test('uploads a file and replies with it, then with text', async (t) => {
    const upload = await omni.upload(new Uint8Array(pngImage()), {
      contentType: 'application/octet-stream',
      filename: 'orange.png',
    });
    t.equal(upload.response.status, 201);
    t.match(upload.data, { mimeType: 'image/png', filename: 'orange.png' }, 'typed by its bytes');
    const path = { id: first.conversationId };
    const withFile = await omni.POST('/api/conversations/{id}/messages', {
      params: { path },
      body: { media: { type: 'image', upload: upload.data!.id!, caption: 'This one' } },
    });
    t.equal(withFile.response.status, 202);
    t.equal((await stack.settled(withFile.data!.message!.id!)).delivery_status, 'sent');
    const text = await omni.POST('/api/conversations/{id}/messages', { params: { path }, body: { text: 'In stock.' } });
    t.equal((await stack.settled(text.data!.message!.id!)).delivery_status, 'sent');

    const empty = await omni.upload(new Uint8Array(0), { contentType: 'image/png' });
    t.equal(empty.response.status, 400);
    t.equal(empty.error!.error!.code, 'OMNI_ERR_API_BAD_REQUEST');
  });

  t.test('after the stream drops, reconnects with Last-Event-ID and gets what it missed, once', async (t) => {
    const before = seen.at(-1)!;
    await proxy.cut();
    // Filed while no stream is open: only the catch-up after the reconnect can tell of it.
    await stack.deliver('whatsapp', whatsAppTextBody('wamid.CLIENT-2', nowSeconds(), 'And in blue?'), [
      'wamid.CLIENT-2',
    ]);
    const second = await stack.inbound('wamid.CLIENT-2');
    await proxy.restore();
    const event = await eventAbout(second.messageId);
    t.equal(event.name, 'message.received');
    t.same(streamsOpened, [null, before.id], 'the reconnect named the last event it had');
    t.equal(seen.filter((e) => e.id === event.id).length, 1, 'delivered once');
    t.ok(
      seen.every((e, i) => i === 0 || Number(e.id) > Number(seen[i - 1]!.id)),
      'in order, none repeated',
    );
  });

  t.test("verifies the signed event Omni delivered to a subscribed endpoint, on the client's own", async (t) => {
    const delivery = await waitFor('the delivery of message.received', async () =>
      receiver.at('/omni').find((d) => JSON.parse(d.body).data.message.externalId === 'wamid.CLIENT-1'),
    );
    const event = await verifyOmniWebhook(endpoint.secret, delivery.body, delivery.headers);
    t.equal(event.type, 'message.received');
    t.match(event.data, { conversation: { id: first.conversationId }, message: { text: 'Is it in stock?' } });
    const tampered = delivery.body.replace('Is it in stock?', 'Is it in stock!');
    const refused = { name: 'OmniWebhookVerificationError' };
    await t.rejects(verifyOmniWebhook(endpoint.secret, tampered, delivery.headers), {
      ...refused,
      reason: 'bad-signature',
    });
    await t.rejects(verifyOmniWebhook(endpoint.secret, delivery.body, delivery.headers, { now: new Date(0) }), {
      ...refused,
      reason: 'stale-timestamp',
    });
  });

  t.test('a stream Omni refuses for good ends with OmniEventStreamError, without retrying', async (t) => {
    const stranger = createOmniClient({ baseUrl: address.origin, token: 'omni_not-a-token' });
    const refused = stranger.followEvents({ reconnectDelayMs: 0 }).next();
    await t.rejects(refused, OmniEventStreamError);
    await t.rejects(refused, { status: 401, code: 'OMNI_ERR_AUTH_REQUIRED' });
  });

  t.test("names the same item events as the server's stream", async (t) => {
    t.same([...OMNI_ITEM_EVENT_NAMES], [...ITEM_EVENT_NAMES]);
  });
});
