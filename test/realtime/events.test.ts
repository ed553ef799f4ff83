import t from 'tap';
import { seedConversations } from '../../src/cli/commands/seed.js';
import { MessageBus } from '../../src/processor/bus.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { openEventStream, type EventStream } from '../helpers/event-stream.js';
import { loadFixture } from '../helpers/fixtures.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  telegramExternalId,
  telegramTextBody,
  whatsAppStatusBody,
  whatsAppTextBody,
} from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

t.test('an SSE client receives a processed item once when the worker runs in the same process', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const bus = new MessageBus();
  const { app } = await createTestApp(t, { sql, queue, liveEvents: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  startTestWorker(t, sql, queue, { bus });
  const { authorization } = await bearerHeaders(sql);

  const stream = await openEventStream(t, `${address}/api/events`, { authorization });
  t.equal(stream.response.statusCode, 200);
  t.match(stream.response.headers['content-type'], /^text\/event-stream/);

  const fixture = loadFixture('telegram', 'telegram-text-entities');
  const onBus = new Promise((resolve) => bus.once('message.received', resolve));
  t.equal((await postWebhook(app, 'telegram', fixture.body)).statusCode, 200);
  const [event] = await stream.waitForEvents(1);
  await onBus;
  const [stored] = await sql`
    select m.id, m.conversation_id, q.event_seq from messages m join queue_logs q on q.message_id = m.id`;
  t.match(event!.data, {
    platform: 'telegram',
    kind: 'message',
    messageId: Number(stored!.id),
    conversationId: Number(stored!.conversation_id),
  });
  t.equal(event!.id, Number(stored!.event_seq), "the event id is the item's event seq");

  // A later item is the barrier: a copy the bus fed the stream would have been written when the bus
  // emitted the first, so before the later item's event.
  t.equal((await postWebhook(app, 'telegram', telegramTextBody(901, 1750009001, 'later'))).statusCode, 200);
  await stream.waitForEvents(2);
  const [later] = await sql`select id from messages where external_id = ${telegramExternalId(901)}`;
  t.same(
    stream.events().map((e) => e.data.messageId),
    [Number(stored!.id), Number(later!.id)],
    'the in-process bus does not feed the stream a second copy',
  );
});

t.test('names each event by what it changed, and a client catching up hears the same names', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, liveEvents: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  startTestWorker(t, sql, queue);
  const { authorization } = await bearerHeaders(sql);
  const live = await openEventStream(t, `${address}/api/events`, { authorization });

  const T = 1749416383;
  /** Posts one webhook and waits for its items, so each is announced on its own, in this order. */
  async function deliver(platform: 'whatsapp' | 'telegram', body: unknown, itemKeys: string[]) {
    t.equal((await postWebhook(app, platform, body)).statusCode, 200);
    await waitUntilProcessed(sql, itemKeys);
  }
  await deliver('whatsapp', whatsAppTextBody('wamid.NAMES-1', T, 'first'), ['wamid.NAMES-1']);
  await deliver('whatsapp', whatsAppTextBody('wamid.NAMES-2', T + 1, 'second'), ['wamid.NAMES-2']);
  await deliver('whatsapp', whatsAppStatusBody({ id: 'wamid.NAMES-1', status: 'read', timestamp: T + 2 }), [
    'wamid.NAMES-1:status:read',
  ]);
  const edit = loadFixture('telegram', 'telegram-edited-message');
  t.equal((await postWebhook(app, 'telegram', edit.body)).statusCode, 200);

  const heard = await live.waitForEvents(4);
  t.same(
    heard.map((e) => e.name),
    ['conversation.created', 'message.received', 'status.changed', 'message.updated'],
  );
  const replayed = await openEventStream(t, `${address}/api/events`, {
    authorization,
    'last-event-id': String(heard[0]!.id),
  });
  const missed = await replayed.waitForEvents(3);
  t.same(
    missed.map((e) => e.name),
    ['message.received', 'status.changed', 'message.updated'],
    'the replay from the database keeps the names',
  );
});

t.test('the event stream refuses a client without a session or token', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, liveEvents: true });
  const response = await app.inject({ method: 'GET', url: '/api/events' });
  t.equal(response.statusCode, 401);
});

t.test('a workflow change reaches every stream as conversation.updated, and a reconnect replays it', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, liveEvents: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  await seedConversations(sql, { messages: 3, conversations: 1, days: 1 }, () => {});
  const [conversation] = await sql<{ id: string }[]>`select id from conversations`;
  const id = Number(conversation!.id);
  const { authorization } = await bearerHeaders(sql);
  const updates = (stream: EventStream) =>
    stream.frames
      .filter((f) => /^event: conversation\.updated$/m.test(f))
      .map((f) => ({ id: Number(/^id: (\d+)$/m.exec(f)![1]), data: JSON.parse(/^data: (.*)$/m.exec(f)![1]!) }));

  const live = await openEventStream(t, `${address}/api/events`, { authorization });
  for (const action of ['assign', 'close', 'reopen', 'read']) {
    const payload = action === 'assign' ? { agentId: null } : {};
    const response = await app.inject({
      method: 'POST',
      url: `/api/conversations/${id}/${action}`,
      headers: { authorization },
      payload,
    });
    t.equal(response.statusCode, 200, action);
  }
  const heard = await waitFor('four updates', async () => (updates(live).length >= 4 ? updates(live) : undefined));
  const expected = ['assigned', 'closed', 'reopened', 'read'].map((change, i) => ({
    seq: heard[i]!.id,
    conversationId: id,
    channelId: null,
    change,
  }));
  t.same(
    heard.map((u) => u.data),
    expected,
    'in order, the SSE id being the seq',
  );

  const replayed = await openEventStream(t, `${address}/api/events`, {
    authorization,
    'last-event-id': String(heard[1]!.id),
  });
  const missed = await waitFor('the replay', async () =>
    updates(replayed).length >= 2 ? updates(replayed) : undefined,
  );
  t.same(
    missed.map((u) => u.data.change),
    ['reopened', 'read'],
    "what came after the client's last event, from the database",
  );
  t.equal(
    (await app.inject({ method: 'POST', url: '/api/conversations/999999/close', headers: { authorization } }))
      .statusCode,
    404,
  );
  t.equal(
    (await sql`select count(*)::int as n from conversation_events`)[0]!.n,
    4,
    'a change to nothing is not an event',
  );
});
