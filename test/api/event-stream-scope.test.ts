import t, { type Test } from 'tap';
import type { SqlPool } from '../../src/store/database.js';
import { channelSigning, createTestApp, postWebhook } from '../helpers/app.js';
import { bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { addTestChannel, CHANNEL_APP_SECRET, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { openEventStream } from '../helpers/event-stream.js';
import { createTestQueue } from '../helpers/queue.js';
import { whatsAppTextToNumber } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;
const NUMBER_A = '100000000000001';
const NUMBER_B = '100000000000002';

/** An agent who is a member of these channels only, as `omni user` will make one. */
async function memberAgent(sql: SqlPool, email: string, channelIds: number[]) {
  const agent = await createTestAgent(sql, email, 'agent');
  for (const channelId of channelIds) {
    await sql`insert into agent_channels (agent_id, channel_id) values (${agent.id}, ${channelId})`;
  }
  return agent;
}

/** A served app with channels A and B and a worker; `deliver` posts a text to a number and waits until it is processed. */
async function twoChannels(t: Test) {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, channels } = await createTestApp(t, { sql, queue, liveEvents: true, platforms: {} });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  startTestWorker(t, sql, queue);
  const a = (await addTestChannel(sql, whatsAppChannel('A', NUMBER_A), { directories: [channels] })).channel.id;
  const b = (await addTestChannel(sql, whatsAppChannel('B', NUMBER_B), { directories: [channels] })).channel.id;
  const deliver = async (number: string, id: string) => {
    const body = whatsAppTextToNumber(number, id, T, id);
    t.equal((await postWebhook(app, 'whatsapp', body, channelSigning('whatsapp', CHANNEL_APP_SECRET))).statusCode, 200);
    await waitUntilProcessed(sql, [id]);
  };
  return { sql, app, address, a, b, deliver };
}

t.test("an agent of channel A gets A's events and none of B's, live and replayed", async (t) => {
  const { sql, app, address, a, deliver } = await twoChannels(t);
  await memberAgent(sql, 'a@example.com', [a]);
  const cookie = await loginCookie(app, 'a@example.com');
  const live = await openEventStream(t, `${address}/api/events`, { cookie });
  t.equal(live.response.statusCode, 200);

  // B's event comes first: had the stream let it through, it would be there before A's.
  await deliver(NUMBER_B, 'wamid.SCOPE-B');
  await deliver(NUMBER_A, 'wamid.SCOPE-A');
  const [first] = await live.waitForEvents(1);
  t.match(first!.data, { name: 'conversation.created', channelId: a });
  t.equal(live.events().length, 1, "B's event never reached the stream");

  const replay = await openEventStream(t, `${address}/api/events`, { cookie, 'last-event-id': '0' });
  const [replayed] = await replay.waitForEvents(1);
  t.same(replayed!.data, first!.data, 'the replay from Last-Event-ID 0 skips B as well');
  t.equal(replay.events().length, 1);
});

t.test("an agent-role token of channel B gets B's events only; an admin gets both", async (t) => {
  const { sql, address, a, b, deliver } = await twoChannels(t);
  const { authorization } = await bearerHeaders(sql, 'b-token', { role: 'agent', channelIds: [b] });
  const admin = await bearerHeaders(sql, 'admin-token');
  const scoped = await openEventStream(t, `${address}/api/events`, { authorization });
  const everything = await openEventStream(t, `${address}/api/events`, { authorization: admin.authorization });

  // A's event sits between two of B's: had the token's stream let it through, it would be second.
  await deliver(NUMBER_B, 'wamid.TOKEN-B1');
  await deliver(NUMBER_A, 'wamid.TOKEN-A');
  await deliver(NUMBER_B, 'wamid.TOKEN-B2');
  t.same(
    (await scoped.waitForEvents(2)).map((e) => e.data.channelId),
    [b, b],
  );
  t.same(
    (await everything.waitForEvents(3)).map((e) => e.data.channelId),
    [b, a, b],
  );
  const replay = await openEventStream(t, `${address}/api/events`, { authorization, 'last-event-id': '0' });
  t.same(
    (await replay.waitForEvents(2)).map((e) => e.data.channelId),
    [b, b],
  );
});
