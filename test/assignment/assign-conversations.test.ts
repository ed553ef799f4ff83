import t from 'tap';
import { assignConversations } from '../../src/assignment/assign-conversations.js';
import { insertPresence } from '../../src/store/agent-presence.js';
import { inTransaction, type SqlPool } from '../../src/store/database.js';
import { createTestAgent } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';

/** A whatsapp channel in `mode`, with a cap, straight into the table (the channel API has its own tests). */
async function addChannel(sql: SqlPool, name: string, mode: 'manual' | 'round_robin', cap: number | null = null) {
  const [row] = await sql<{ id: string }[]>`
    insert into channels (platform, name, source, account_id, assignment_mode, assignment_cap)
    values ('whatsapp', ${name}, 'database', ${`acct-${name}`}, ${mode}, ${cap}) returning id`;
  return Number(row!.id);
}

/** Agents of role `agent`, members of the channel, each with a dashboard stream open. */
async function onlineMembers(sql: SqlPool, channelId: number, count: number, prefix = 'member') {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const agent = await createTestAgent(sql, `${prefix}-${channelId}-${i}@example.com`, 'agent');
    await sql`insert into agent_channels (agent_id, channel_id) values (${agent.id}, ${channelId})`;
    await insertPresence(sql, crypto.randomUUID(), agent.id, 60);
    ids.push(agent.id);
  }
  return ids;
}

// 1,300 conversations each handed out in its own transaction, as the worker does: on a busy box that
// takes minutes, as the bundle tests do.
t.setTimeout(300_000);

// One database for the file: each test works in channels of its own.
const { sql } = await createTestDatabase(t);

let keys = 0;
/** A new conversation in the channel, handed out in its own transaction as the worker would. */
async function newConversation(sql: SqlPool, channelId: number) {
  return inTransaction(sql, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into conversations (platform, account, channel_id, conversation_key)
      values ('whatsapp', ${`acct-${channelId}`}, ${channelId}, ${`key-${++keys}`}) returning id`;
    const id = Number(row!.id);
    await assignConversations(tx, [id]);
    return id;
  });
}

/** Open conversations per assignee in the channel (null: unassigned). */
async function loads(sql: SqlPool, channelId: number) {
  const rows = await sql<{ agent: string | null; n: number }[]>`
    select assignee_agent_id as agent, count(*)::int as n from conversations
    where channel_id = ${channelId} and status = 'open' group by 1`;
  return new Map(rows.map((r) => [r.agent === null ? null : Number(r.agent), r.n]));
}

/** Runs `count` new conversations through `lanes` concurrent workers. */
async function inLanes(count: number, lanes: number, create: () => Promise<number>) {
  let left = count;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (left-- > 0) await create();
    }),
  );
}

t.test('1,000 new conversations with 5 online agents give each 200 ± 1, each assignment an event', async (t) => {
  const channelId = await addChannel(sql, 'fair', 'round_robin');
  const members = await onlineMembers(sql, channelId, 5);
  await inLanes(1000, 4, () => newConversation(sql, channelId));
  const load = await loads(sql, channelId);
  t.notOk(load.has(null), 'none waits');
  for (const agentId of members)
    t.ok(Math.abs((load.get(agentId) ?? 0) - 200) <= 1, `agent ${agentId}: ${load.get(agentId)}`);
  const [events] = await sql<{ n: number; conversations: number }[]>`
    select count(*)::int as n, count(distinct e.conversation_id)::int as conversations
    from conversation_events e join conversations c on c.id = e.conversation_id
    where e.change = 'assigned' and c.channel_id = ${channelId}`;
  t.same(events, { n: 1000, conversations: 1000 }, 'one conversation.updated event per assignment');
});

t.test('with a cap that binds, nobody goes over it and the rest wait unassigned', async (t) => {
  const channelId = await addChannel(sql, 'capped', 'round_robin', 30);
  const members = await onlineMembers(sql, channelId, 5);
  await inLanes(200, 4, () => newConversation(sql, channelId));
  const load = await loads(sql, channelId);
  t.same(
    members.map((id) => load.get(id)),
    [30, 30, 30, 30, 30],
  );
  t.equal(load.get(null), 50);
});

t.test('with nobody online, a new conversation waits unassigned', async (t) => {
  const channelId = await addChannel(sql, 'empty', 'round_robin');
  const agent = await createTestAgent(sql, 'offline@example.com', 'agent');
  await sql`insert into agent_channels (agent_id, channel_id) values (${agent.id}, ${channelId})`;
  await newConversation(sql, channelId);
  t.same([...(await loads(sql, channelId))], [[null, 1]]);
  const events = await sql`
    select 1 from conversation_events e join conversations c on c.id = e.conversation_id where c.channel_id = ${channelId}`;
  t.equal(events.length, 0, 'and no event says otherwise');
});

t.test("an agent whose lease has expired (a crashed server's stream) is not online", async (t) => {
  const channelId = await addChannel(sql, 'lapsed', 'round_robin');
  const [lapsed] = await onlineMembers(sql, channelId, 1);
  await sql`update agent_presence set expires_at = now() - interval '1 second' where agent_id = ${lapsed!}`;
  const [live] = await onlineMembers(sql, channelId, 1, 'live');
  for (let i = 0; i < 3; i++) await newConversation(sql, channelId);
  t.same([...(await loads(sql, channelId))], [[live, 3]]);
});

t.test('an online agent who is not a member, or is disabled, is passed over', async (t) => {
  const channelId = await addChannel(sql, 'members', 'round_robin');
  const other = await addChannel(sql, 'other', 'round_robin');
  await onlineMembers(sql, other, 1, 'elsewhere');
  const [disabled, member] = await onlineMembers(sql, channelId, 2);
  await sql`update agents set disabled_at = now() where id = ${disabled!}`;
  for (let i = 0; i < 2; i++) await newConversation(sql, channelId);
  t.same([...(await loads(sql, channelId))], [[member, 2]]);
});

t.test('a manual channel never assigns, however many are online', async (t) => {
  const channelId = await addChannel(sql, 'manual', 'manual');
  await onlineMembers(sql, channelId, 3);
  for (let i = 0; i < 5; i++) await newConversation(sql, channelId);
  t.same([...(await loads(sql, channelId))], [[null, 5]]);
});

t.test('members tied on open conversations take turns, least recently assigned first', async (t) => {
  const channelId = await addChannel(sql, 'turns', 'round_robin');
  const members = await onlineMembers(sql, channelId, 3);
  const order: number[] = [];
  for (let i = 0; i < 6; i++) {
    const id = await newConversation(sql, channelId);
    const [row] = await sql<{ agent: string }[]>`select assignee_agent_id as agent from conversations where id = ${id}`;
    order.push(Number(row!.agent));
    // Each closes it at once, so every member stays at zero open: only the turn decides.
    await sql`update conversations set status = 'closed' where id = ${id}`;
  }
  t.same(order, [...members, ...members]);
});
