import t from 'tap';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { type EventStream, openEventStream } from '../helpers/event-stream.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;

/** whatsapp-text-basic from another customer (their own conversation). */
function fromCustomer(waId: string, id: string, timestamp: number): unknown {
  const body = whatsAppTextBody(id, timestamp) as any;
  body.entry[0].changes[0].value.contacts[0].wa_id = waId;
  body.entry[0].changes[0].value.messages[0].from = waId;
  return body;
}

/** The `conversation.updated` frames a stream received, as their data. */
const updates = (stream: EventStream) =>
  stream.frames
    .filter((f) => /^event: conversation\.updated$/m.test(f))
    .map((f) => JSON.parse(/^data: (.*)$/m.exec(f)![1]!) as { conversationId: number; change: string });

t.test('auto-assignment through the worker, the dashboard stream and the workflow routes', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, liveEvents: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  startTestWorker(t, sql, queue);
  await sql`update channels set assignment_mode = 'round_robin' where platform = 'whatsapp'`;
  const agent = await createTestAgent(sql, 'agent@example.com', 'agent');
  await sql`insert into agent_channels (agent_id, channel_id) select ${agent.id}, id from channels where platform = 'whatsapp'`;
  const cookie = await loginCookie(app);
  const { authorization } = await bearerHeaders(sql);
  const online = async (count: number) =>
    waitFor(`${count} presence leases`, async () => {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from agent_presence`;
      return row!.n === count;
    });
  let seq = 0;
  /** A customer writes; answers their conversation once the worker has filed it. */
  async function customerWrites(waId: string) {
    const id = `wamid.FLOW-${++seq}`;
    t.equal((await postWebhook(app, 'whatsapp', fromCustomer(waId, id, T + seq))).statusCode, 200);
    await waitUntilProcessed(sql, [id]);
    const [row] = await sql<{ id: string; assignee: string | null; status: string }[]>`
      select c.id, c.assignee_agent_id as assignee, c.status from messages m join conversations c on c.id = m.conversation_id
      where m.external_id = ${id}`;
    return {
      id: Number(row!.id),
      assignee: row!.assignee === null ? null : Number(row!.assignee),
      status: row!.status,
    };
  }
  const post = (url: string, payload: object = {}) =>
    app.inject({ method: 'POST', url, headers: { authorization }, payload });

  const waiting = await customerWrites('15550000001');
  t.equal(waiting.assignee, null, 'with nobody online, a new conversation waits unassigned');

  // An integration's stream is no agent at a dashboard.
  await openEventStream(t, `${address}/api/events`, { authorization });
  const dashboard = await openEventStream(t, `${address}/api/events`, { cookie });
  await online(1);

  const taken = await customerWrites('15550000002');
  t.equal(taken.assignee, agent.id, 'a new conversation goes to the member whose dashboard is open');
  const heard = await waitFor('the assignment event', async () =>
    updates(dashboard).find((u) => u.conversationId === taken.id),
  );
  t.equal(heard.change, 'assigned', 'the assignment is a conversation.updated event');

  t.test('reopening a waiting conversation through the API assigns it', async (t) => {
    t.equal((await post(`/api/conversations/${waiting.id}/close`)).statusCode, 200);
    const reopened = await post(`/api/conversations/${waiting.id}/reopen`);
    t.equal(reopened.statusCode, 200);
    t.same(reopened.json().assignee?.id, agent.id, 'the answer already shows the assignee');
  });

  t.test("a customer's message reopens a closed conversation, and it is handed out again", async (t) => {
    await post(`/api/conversations/${waiting.id}/assign`, { agentId: null });
    await post(`/api/conversations/${waiting.id}/close`);
    const again = await customerWrites('15550000001');
    t.same(again, { id: waiting.id, assignee: agent.id, status: 'open' });
    const changes = await waitFor('reopened, then assigned', async () => {
      const last = updates(dashboard)
        .filter((u) => u.conversationId === waiting.id)
        .slice(-2)
        .map((u) => u.change);
      return last[0] === 'reopened' && last[1] === 'assigned' && last;
    });
    t.same(changes, ['reopened', 'assigned']);
  });

  t.test('once the dashboard stream closes, the agent stops receiving conversations', async (t) => {
    dashboard.response.destroy();
    await online(0);
    t.equal((await customerWrites('15550000003')).assignee, null);
  });
});
