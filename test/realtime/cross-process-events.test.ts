import t, { type Test } from 'tap';
import { announceProcessed } from '../../src/realtime/announce-processed.js';
import { listenForEvents } from '../../src/realtime/event-listener.js';
import type { RealtimeEvent } from '../../src/realtime/processed-event.js';
import { createSql, type SqlPool } from '../../src/store/database.js';
import { createTestApp, postWebhook, silentLogger } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { openEventStream } from '../helpers/event-stream.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { telegramExternalId, telegramTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;

/** Another process's connection pool on the same database, ended at teardown. */
function processPool(t: Test, url: string): SqlPool {
  const sql = createSql(url, { max: 3 });
  t.teardown(() => sql.end({ timeout: 5 }));
  return sql;
}

/** Two `omni serve` apps and a worker, each with its own pool, sharing one database and queue. */
async function twoServersAndAWorker(t: Test) {
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const serverA = await createTestApp(t, { sql: processPool(t, url), queue, liveEvents: true });
  const serverB = await createTestApp(t, { sql: processPool(t, url), queue, liveEvents: true });
  const addressB = await serverB.app.listen({ port: 0, host: '127.0.0.1' });
  const { authorization } = await bearerHeaders(sql);
  const startWorker = () => startTestWorker(t, processPool(t, url), queue);
  /** Posts a Telegram text to server A and waits until it is processed. */
  const deliver = async (messageId: number) => {
    t.equal(
      (await postWebhook(serverA.app, 'telegram', telegramTextBody(messageId, T + messageId, `text ${messageId}`)))
        .statusCode,
      200,
    );
    await waitUntilProcessed(sql, [telegramExternalId(messageId)]);
  };
  const messageIdOf = async (messageId: number) =>
    Number((await sql`select id from messages where external_id = ${telegramExternalId(messageId)}`)[0]!.id);
  /** An SSE client of server B, as a dashboard's EventSource (reconnecting with `lastEventId`). */
  const streamFromB = (lastEventId?: number) =>
    openEventStream(t, `${addressB}/api/events`, {
      authorization,
      ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
    });
  return { sql, url, startWorker, deliver, messageIdOf, streamFromB };
}

t.test(
  'an SSE client on server B receives the event of a webhook posted to server A and processed by the worker',
  async (t) => {
    const { startWorker, deliver, messageIdOf, streamFromB } = await twoServersAndAWorker(t);
    startWorker();
    const stream = await streamFromB();

    await deliver(1);
    const [event] = await stream.waitForEvents(1);
    t.match(event!.data, { platform: 'telegram', kind: 'message', type: 'text', messageId: await messageIdOf(1) });
    t.type(event!.data.conversationId, 'number', 'the item is filed under its conversation first');
  },
);

t.test(
  'a client that reconnects with Last-Event-ID receives the events it missed, once each, in order, then live ones',
  async (t) => {
    const { startWorker, deliver, messageIdOf, streamFromB } = await twoServersAndAWorker(t);
    const first = await streamFromB();
    startWorker();
    await deliver(1);
    const [seen] = await first.waitForEvents(1);
    first.response.destroy();

    await deliver(2);
    await deliver(3);
    const again = await streamFromB(seen!.id);
    const caughtUp = await again.waitForEvents(2);
    t.same(
      caughtUp.map((e) => e.data.messageId),
      [await messageIdOf(2), await messageIdOf(3)],
      'the missed events, in order',
    );

    await deliver(4);
    // A fifth item is the barrier: a second copy of an earlier one would have come before its event.
    await deliver(5);
    const all = await again.waitForEvents(4);
    t.same(
      all.map((e) => e.data.messageId),
      [await messageIdOf(2), await messageIdOf(3), await messageIdOf(4), await messageIdOf(5)],
      'then the live ones, nothing twice',
    );
    const ids = all.map((e) => e.id);
    t.ok(
      ids.every((id, i) => i === 0 || id > ids[i - 1]!) && ids[0]! > seen!.id,
      'ids increase past the one the client had',
    );
  },
);

t.test('nothing is announced for a processing transaction that rolled back', async (t) => {
  const { sql, url, startWorker, deliver, messageIdOf } = await twoServersAndAWorker(t);
  const heard: RealtimeEvent[] = [];
  const listener = await listenForEvents(processPool(t, url), silentLogger);
  t.teardown(() => listener.close());
  listener.subscribe({ deliver: (e) => heard.push(e), resync: () => t.fail('no resync expected') });

  const worker = processPool(t, url);
  t.equal(
    (
      await postWebhook(
        (
          await createTestApp(t, { sql: worker, queue: await createTestQueue(t) })
        ).app,
        'telegram',
        telegramTextBody(1, T, 'rolled back'),
      )
    ).statusCode,
    200,
  );
  const [row] = await sql`select id from queue_logs`;
  await t.rejects(
    worker.begin(async (tx) => {
      await announceProcessed(tx, [Number(row!.id)]);
      throw new Error('the processing failed after announcing');
    }),
    { message: 'the processing failed after announcing' },
  );
  const [after] = await sql`select event_seq from queue_logs where id = ${row!.id}`;
  t.equal(after!.event_seq, null, 'the seq stamp rolled back too');

  startWorker();
  await deliver(2);
  // Notifications arrive in commit order: anything the rolled-back transaction had announced would
  // have been heard before this later commit's event.
  await waitFor('the committed event', async () => heard.length > 0);
  t.same(
    heard.map((e) => ('messageId' in e ? e.messageId : e)),
    [await messageIdOf(2)],
    'only the committed item was heard',
  );
});
