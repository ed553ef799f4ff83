import t from 'tap';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { openEventStream } from '../helpers/event-stream.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';

t.test('an agent or token over EVENT_STREAMS_PER_USER open streams gets 429 naming the limit', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, liveEvents: true, eventStreamsPerUser: 2 });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const open = (headers: Record<string, string>) => openEventStream(t, `${address}/api/events`, headers);

  t.test("an agent's sessions share one cap", async (t) => {
    await createTestAgent(sql);
    const first = await open({ cookie: await loginCookie(app) });
    const second = await open({ cookie: await loginCookie(app) });
    t.same([first.response.statusCode, second.response.statusCode], [200, 200]);
    const third = await app.inject({ method: 'GET', url: '/api/events', headers: { cookie: await loginCookie(app) } });
    t.equal(third.statusCode, 429);
    t.match(third.json(), { error: { code: 'OMNI_ERR_EVENTS_STREAM_LIMIT', message: /EVENT_STREAMS_PER_USER/ } });
  });

  t.test("one token's cap leaves another token's alone, and a closed stream frees its place", async (t) => {
    const busy = await bearerHeaders(sql, 'busy');
    const other = await bearerHeaders(sql, 'other');
    const held = [await open({ authorization: busy.authorization }), await open({ authorization: busy.authorization })];
    t.equal((await open({ authorization: busy.authorization })).response.statusCode, 429);
    t.equal((await open({ authorization: other.authorization })).response.statusCode, 200);

    held[0]!.response.destroy();
    await waitFor('the closed stream to free its place', async () => {
      const next = await open({ authorization: busy.authorization });
      return next.response.statusCode === 200;
    });
    t.pass('a new stream opens once one is closed');
  });
});
