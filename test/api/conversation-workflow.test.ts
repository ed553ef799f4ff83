import t from 'tap';
import { seedConversations } from '../../src/cli/commands/seed.js';
import { listConversations } from '../../src/store/conversation-list.js';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

interface Summary {
  id: number;
  status: string;
  unread: boolean;
  assignee: { id: number; name: string } | null;
  contactId: number;
}

t.test('conversation workflow API', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  await seedConversations(sql, { messages: 200, conversations: 24, days: 1 }, () => {});
  const agent = await createTestAgent(sql);
  const cookie = await loginCookie(app);
  const { authorization } = await bearerHeaders(sql);
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization } });
  const post = (url: string, payload: unknown = {}) =>
    app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const ids = async (query: string) =>
    (await get(`/api/conversations?limit=200&${query}`)).json().conversations.map((c: Summary) => c.id) as number[];
  const all = await ids('');

  t.test('assigning a conversation to an agent shows in its summary, and null unassigns it', async (t) => {
    const target = all[3]!;
    const assigned = await post(`/api/conversations/${target}/assign`, { agentId: agent.id });
    t.equal(assigned.statusCode, 200);
    t.same(assigned.json().assignee, { id: agent.id, name: 'Test Agent' });
    const unassigned = await post(`/api/conversations/${target}/assign`, { agentId: null });
    t.equal(unassigned.json().assignee, null);
  });

  t.test('assigning answers 404 for an unknown conversation or agent, and 400 without an agentId', async (t) => {
    const noConversation = await post('/api/conversations/999999/assign', { agentId: agent.id });
    t.equal(noConversation.statusCode, 404);
    t.equal(noConversation.json().error.message, 'conversation 999999 not found');
    const noAgent = await post(`/api/conversations/${all[0]}/assign`, { agentId: 999999 });
    t.equal(noAgent.statusCode, 404);
    t.equal(noAgent.json().error.message, 'agent 999999 not found');
    t.equal((await post(`/api/conversations/${all[0]}/assign`, {})).statusCode, 400);
  });

  t.test('closing and reopening a conversation changes its status and the status filter', async (t) => {
    const target = all[5]!;
    t.equal((await post(`/api/conversations/${target}/close`)).json().status, 'closed');
    t.same(await ids('status=closed'), [target]);
    t.notOk((await ids('status=open')).includes(target));
    t.equal((await post(`/api/conversations/${target}/reopen`)).json().status, 'open');
    t.same(await ids('status=closed'), []);
    t.equal((await post('/api/conversations/999999/close')).statusCode, 404);
    t.equal((await post('/api/conversations/999999/reopen')).statusCode, 404);
  });

  t.test('the unread filter holds exactly the conversations flagged unread, and read ones leave it', async (t) => {
    const list: Summary[] = (await get('/api/conversations?limit=200')).json().conversations;
    const unread = list.filter((c) => c.unread).map((c) => c.id);
    t.ok(unread.length > 0 && unread.length < list.length, 'the seed has both');
    t.same(await ids('unread=true'), unread);
    t.same(
      await ids('unread=false'),
      list.filter((c) => !c.unread).map((c) => c.id),
    );
    await post(`/api/conversations/${unread[0]}/read`);
    t.notOk((await ids('unread=true')).includes(unread[0]!));
  });

  t.test('the assignee filter takes an agent id, me, or none', async (t) => {
    const [first, second] = [all[7]!, all[9]!];
    await post(`/api/conversations/${first}/assign`, { agentId: agent.id });
    await post(`/api/conversations/${second}/assign`, { agentId: agent.id });
    t.same(
      await ids(`assignee=${agent.id}`),
      all.filter((id) => id === first || id === second),
    );
    const mine = await app.inject({ method: 'GET', url: '/api/conversations?assignee=me', headers: { cookie } });
    t.same(
      mine.json().conversations.map((c: Summary) => c.id),
      all.filter((id) => id === first || id === second),
    );
    t.same(
      await ids('assignee=none'),
      all.filter((id) => id !== first && id !== second),
    );
    const tokenMe = await get('/api/conversations?assignee=me');
    t.equal(tokenMe.statusCode, 400, 'a token is nobody: it has no "me"');
    t.equal((await get('/api/conversations?assignee=someone')).statusCode, 400);
  });

  t.test('search finds a contact by name or a conversation by any message text, in any case', async (t) => {
    const [contact] = await sql<{ id: string; display_name: string }[]>`
      select ct.id, ct.display_name from contacts ct join conversations c on c.contact_id = ct.id
      where c.id = ${all[2]!}`;
    const byName = (await get(`/api/conversations?q=${encodeURIComponent(contact!.display_name.toUpperCase())}`)).json()
      .conversations;
    t.ok(
      byName.some((c: Summary) => c.id === all[2]),
      "the contact's conversation, its name in capitals",
    );
    const [older] = await sql<{ conversation_id: string; text: string }[]>`
      select m.conversation_id, m.text from messages m join conversations c on c.id = m.conversation_id
      where m.id <> c.last_message_id order by m.id limit 1`;
    const needle = older!.text.split(':')[0]!.toLowerCase(); // "seed message 17"
    t.ok(
      (await ids(`q=${encodeURIComponent(needle)}`)).includes(Number(older!.conversation_id)),
      'by an older message, not only the last',
    );
    t.same(await ids('q=zebra'), []);
    t.same(await ids(`q=${encodeURIComponent('%%%')}`), [], 'wildcards are taken literally');
    t.equal((await get('/api/conversations?q=ab')).statusCode, 400, 'too short to search');
  });

  t.test(
    "a common search term, tested conversation by conversation, finds what a rare one's collected matches find",
    async (t) => {
      for (const search of ['contact 1', 'seed message 1', 'lazy dog']) {
        const collected = await listConversations(sql, { scope: 'all', limit: 200, search });
        const walked = await listConversations(sql, { scope: 'all', limit: 200, search, searchCommonAt: 0 });
        t.ok(collected.length > 0, search);
        t.same(
          walked.map((c) => c.id),
          collected.map((c) => c.id),
          search,
        );
      }
    },
  );

  t.test('a filtered list pages stably while conversations move to the top between pages', async (t) => {
    const reference = await ids('status=open&assignee=none');
    const first = (await get('/api/conversations?limit=4&status=open&assignee=none')).json();
    const moved = reference[6]!;
    await sql`update conversations set last_message_at = now() + interval '1 hour' where id = ${moved}`;
    const seen: number[] = first.conversations.map((c: Summary) => c.id);
    for (let cursor = first.nextCursor; cursor; ) {
      const page = (await get(`/api/conversations?limit=4&status=open&assignee=none&cursor=${cursor}`)).json();
      seen.push(...page.conversations.map((c: Summary) => c.id));
      cursor = page.nextCursor;
    }
    t.same(
      seen,
      reference.filter((id) => id !== moved),
    );
  });

  t.test("a conversation reads with its contact's details, and a contact with its conversations", async (t) => {
    const target = all[1]!;
    const response = await get(`/api/conversations/${target}`);
    t.equal(response.statusCode, 200);
    const conversation = response.json();
    t.equal(conversation.id, target);
    t.equal(conversation.status, 'open');
    t.match(conversation.contact, {
      id: conversation.contactId,
      platform: conversation.platform,
      externalId: conversation.conversationKey,
    });
    t.match(conversation.contact.displayName, /^Seed contact \d+$/);
    t.same(conversation.contact.conversationIds, [target]);
    const contact = await get(`/api/contacts/${conversation.contactId}`);
    t.same(contact.json(), conversation.contact);
    t.equal((await get('/api/conversations/999999')).statusCode, 404);
    t.equal((await get('/api/contacts/999999')).json().error.message, 'contact 999999 not found');
  });

  t.test("/api/me names the session's agent, and no one for a token", async (t) => {
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    t.match(me.json(), { agent: { id: agent.id, email: 'agent@example.com' } });
    t.match((await get('/api/me')).json(), { agent: null, token: { name: 'test-token' }, role: 'admin' });
  });
});
