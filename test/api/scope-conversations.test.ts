import t from 'tap';
import { bearerHeaders, createScopedAgent, createTestAgent, loginCookie } from '../helpers/auth.js';
import { openTwoInboxes, SHARED_TEXT } from '../helpers/inboxes.js';

interface Summary {
  id: number;
  status: string;
  assignee: { id: number } | null;
}

t.test(
  'An agent who is a member of channel A sees only A’s conversations; reading or replying to one of channel B answers 404',
  async (t) => {
    const { sql, app, a, b, unroutedConversationId } = await openTwoInboxes(t);
    const member = await createScopedAgent(sql, 'sales@example.com', [a.channelId]);
    const agent = { cookie: await loginCookie(app, 'sales@example.com') };
    const token = {
      authorization: (await bearerHeaders(sql, 'sales-bot', { role: 'agent', channelIds: [a.channelId] }))
        .authorization,
    };
    const admin = { authorization: (await bearerHeaders(sql, 'admin-bot')).authorization };
    const callers = { agent, token };

    const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });
    const post = (url: string, headers: Record<string, string>, payload: object = {}) =>
      app.inject({ method: 'POST', url, headers, payload });
    const listed = async (headers: Record<string, string>, query = '') =>
      ((await get(`/api/conversations?${query}`, headers)).json().conversations as Summary[]).map((c) => c.id).sort();

    t.test(
      'the list holds only A’s conversations for an agent or a token of A, and every one for an admin',
      async (t) => {
        for (const [name, headers] of Object.entries(callers)) t.same(await listed(headers), [a.conversationId], name);
        t.same(await listed(agent, `channel=${b.channelId}`), [], 'asking for B by name finds nothing');
        t.same(await listed(agent, 'channel=unrouted'), [], 'unrouted conversations are admins’ only');
        t.same(await listed(admin), [a.conversationId, b.conversationId, unroutedConversationId].sort());
      },
    );

    t.test('search finds only the conversations of the caller’s channels', async (t) => {
      const q = `q=${encodeURIComponent(SHARED_TEXT)}`;
      for (const [name, headers] of Object.entries(callers)) t.same(await listed(headers, q), [a.conversationId], name);
      t.same(await listed(admin, q), [a.conversationId, b.conversationId, unroutedConversationId].sort());
    });

    t.test(
      'a conversation of B or an unrouted one answers 404 to its summary, messages and read, as an unknown id does',
      async (t) => {
        for (const [name, headers] of Object.entries(callers)) {
          for (const id of [b.conversationId, unroutedConversationId]) {
            for (const [what, response] of [
              ['summary', await get(`/api/conversations/${id}`, headers)],
              ['messages', await get(`/api/conversations/${id}/messages`, headers)],
              ['read', await post(`/api/conversations/${id}/read`, headers)],
            ] as const) {
              t.equal(response.statusCode, 404, `${name}: ${what} of ${id}`);
              t.same(response.json().error, {
                code: 'OMNI_ERR_API_NOT_FOUND',
                message: `conversation ${id} not found`,
              });
            }
          }
          t.equal((await get(`/api/conversations/${a.conversationId}`, headers)).statusCode, 200, `${name} reads A`);
          t.equal((await get(`/api/conversations/${a.conversationId}/messages`, headers)).json().messages.length, 2);
        }
        t.equal((await get(`/api/conversations/${b.conversationId}`, admin)).statusCode, 200, 'an admin reads B');
      },
    );

    t.test('a reply to a conversation of B answers 404 and stores nothing; one to A is accepted', async (t) => {
      const count = async () => (await sql<{ n: number }[]>`select count(*)::int as n from messages`)[0]!.n;
      const before = await count();
      for (const [name, headers] of Object.entries(callers)) {
        const refused = await post(`/api/conversations/${b.conversationId}/messages`, headers, {
          text: 'Hello from Sales',
        });
        t.equal(refused.statusCode, 404, name);
        t.equal(refused.json().error.code, 'OMNI_ERR_API_NOT_FOUND');
      }
      t.equal(await count(), before);
      const accepted = await post(`/api/conversations/${a.conversationId}/messages`, agent, { text: 'On its way' });
      t.equal(accepted.statusCode, 202);
    });

    t.test('assigning, closing and reopening a conversation of B answers 404 and changes nothing', async (t) => {
      for (const [name, headers] of Object.entries(callers)) {
        for (const [action, payload] of [
          ['assign', { agentId: member.id }],
          ['close', {}],
          ['reopen', {}],
        ] as const) {
          const response = await post(`/api/conversations/${b.conversationId}/${action}`, headers, payload);
          t.equal(response.statusCode, 404, `${name} ${action}`);
        }
      }
      const unchanged: Summary = (await get(`/api/conversations/${b.conversationId}`, admin)).json();
      t.same([unchanged.status, unchanged.assignee], ['open', null]);
      t.equal((await post(`/api/conversations/${a.conversationId}/close`, token)).json().status, 'closed');
      t.equal((await post(`/api/conversations/${a.conversationId}/reopen`, agent)).json().status, 'open');
    });

    t.test(
      'a conversation is assigned only to an agent who sees it: a member of its channel, or an admin',
      async (t) => {
        const supportAgent = await createScopedAgent(sql, 'support@example.com', [b.channelId]);
        const boss = await createTestAgent(sql, 'boss@example.com', 'admin');
        const outsider = await post(`/api/conversations/${a.conversationId}/assign`, agent, {
          agentId: supportAgent.id,
        });
        t.equal(outsider.statusCode, 400);
        t.equal(outsider.json().error.code, 'OMNI_ERR_API_ASSIGNEE_NOT_MEMBER');
        t.match(outsider.json().error.message, /^agentId: /);
        const toMember = await post(`/api/conversations/${a.conversationId}/assign`, agent, { agentId: member.id });
        t.same(toMember.json().assignee, { id: member.id, name: 'Test Agent' });
        const toAdmin = await post(`/api/conversations/${a.conversationId}/assign`, token, { agentId: boss.id });
        t.same(toAdmin.json().assignee, { id: boss.id, name: 'Test Agent' });
        const unrouted = await post(`/api/conversations/${unroutedConversationId}/assign`, admin, {
          agentId: member.id,
        });
        t.equal(unrouted.statusCode, 400, 'only admins hold an unrouted conversation');
        const toBoss = await post(`/api/conversations/${unroutedConversationId}/assign`, admin, { agentId: boss.id });
        t.equal(toBoss.statusCode, 200);
      },
    );
  },
);
