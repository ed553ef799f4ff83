import t from 'tap';
import { bearerHeaders, createScopedAgent, loginCookie } from '../helpers/auth.js';
import { openTwoInboxes } from '../helpers/inboxes.js';
import { waitFor } from '../helpers/wait-for.js';
import { addConversationLabel } from '../../src/store/conversation-labels.js';

t.test('conversation labels', async (t) => {
  const { sql, app, a, b, unroutedConversationId } = await openTwoInboxes(t);
  await createScopedAgent(sql, 'sales@example.com', [a.channelId]);
  const agent = { cookie: await loginCookie(app, 'sales@example.com') };
  const admin = { authorization: (await bearerHeaders(sql, 'admin-bot')).authorization };
  // A DELETE has no JSON body: with a session cookie, X-Requested-With passes the CSRF check (as the dashboard sends it).
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    app.inject({
      method,
      url,
      headers: method === 'DELETE' ? { ...headers, 'x-requested-with': 'omni-dashboard' } : headers,
      ...(payload ? { payload } : {}),
    });
  const labelsOf = (id: number) => `/api/conversations/${id}/labels`;
  const changes = async (id: number) =>
    (
      await sql<{ change: string }[]>`
        select change from conversation_events where conversation_id = ${id} and change = 'labelled'`
    ).length;

  t.test('adding a label answers the labels normalised (trimmed, single spaces, lowercase), in order', async (t) => {
    const first = await call('POST', labelsOf(a.conversationId), agent, { label: '  Needs   Refund ' });
    t.equal(first.statusCode, 200);
    t.same(first.json(), { labels: ['needs refund'] });
    const second = await call('POST', labelsOf(a.conversationId), agent, { label: 'VIP' });
    t.same(second.json(), { labels: ['needs refund', 'vip'] });
    t.same((await call('GET', labelsOf(a.conversationId), agent)).json(), { labels: ['needs refund', 'vip'] });
  });

  t.test('adding a label the conversation has is idempotent: same answer, no new event', async (t) => {
    const before = await changes(a.conversationId);
    const again = await call('POST', labelsOf(a.conversationId), agent, { label: 'vip ' });
    t.equal(again.statusCode, 200);
    t.same(again.json(), { labels: ['needs refund', 'vip'] });
    t.equal(await changes(a.conversationId), before, 'nothing changed, so nothing is announced');
  });

  t.test('the conversation list and details carry the labels, and the label filter finds them', async (t) => {
    const listed = (await call('GET', '/api/conversations', admin)).json().conversations;
    t.same(listed.find((c: { id: number }) => c.id === a.conversationId).labels, ['needs refund', 'vip']);
    t.same(listed.find((c: { id: number }) => c.id === b.conversationId).labels, []);
    t.same((await call('GET', `/api/conversations/${a.conversationId}`, agent)).json().labels, ['needs refund', 'vip']);
    const filtered = (await call('GET', '/api/conversations?label=VIP', admin)).json().conversations;
    t.same(
      filtered.map((c: { id: number }) => c.id),
      [a.conversationId],
      'the filter is normalised as the label is',
    );
    t.same((await call('GET', '/api/conversations?label=nobody', admin)).json().conversations, []);
  });

  t.test('removing a label answers what is left; removing one it lacks changes nothing', async (t) => {
    const before = await changes(a.conversationId);
    const removed = await call('DELETE', `${labelsOf(a.conversationId)}/${encodeURIComponent('Needs Refund')}`, agent);
    t.equal(removed.statusCode, 200);
    t.same(removed.json(), { labels: ['vip'] });
    t.equal(await changes(a.conversationId), before + 1, 'a removal is announced');
    const again = await call('DELETE', `${labelsOf(a.conversationId)}/needs%20refund`, agent);
    t.same(again.json(), { labels: ['vip'] });
    t.equal(await changes(a.conversationId), before + 1);
    t.same((await call('GET', '/api/conversations?label=needs%20refund', admin)).json().conversations, []);
  });

  t.test('an empty, blank, too long or control-character label is a 400 naming the field', async (t) => {
    for (const label of ['', '   ', 'x'.repeat(51), 'bad\u0000label']) {
      const refused = await call('POST', labelsOf(a.conversationId), agent, { label });
      t.equal(refused.statusCode, 400, JSON.stringify(label));
      t.equal(refused.json().error.code, 'OMNI_ERR_API_BAD_REQUEST');
      t.match(refused.json().error.message, /body\/label/);
    }
    const noLabel = await call('POST', labelsOf(a.conversationId), agent, {});
    t.match(noLabel.json().error.message, /label/);
    t.equal((await call('DELETE', `${labelsOf(a.conversationId)}/%20`, agent)).statusCode, 400);
    t.equal((await call('GET', '/api/conversations?label=%20', agent)).statusCode, 400);
  });

  t.test('a conversation of another channel, unrouted or unknown answers 404 and keeps its labels', async (t) => {
    await call('POST', labelsOf(b.conversationId), admin, { label: 'support' });
    for (const id of [b.conversationId, unroutedConversationId, 999999]) {
      for (const response of [
        await call('GET', labelsOf(id), agent),
        await call('POST', labelsOf(id), agent, { label: 'mine' }),
        await call('DELETE', `${labelsOf(id)}/support`, agent),
      ]) {
        t.equal(response.statusCode, 404);
        t.same(response.json().error, { code: 'OMNI_ERR_API_NOT_FOUND', message: `conversation ${id} not found` });
      }
    }
    t.same((await call('GET', labelsOf(b.conversationId), admin)).json(), { labels: ['support'] });
    t.same(
      (await call('GET', '/api/conversations?label=support', agent)).json().conversations,
      [],
      "the filter finds nothing outside the caller's channels",
    );
  });

  t.test('a conversation holds at most 20 labels: the 21st is a 409', async (t) => {
    for (let i = 1; i < 20; i++) await call('POST', labelsOf(a.conversationId), agent, { label: `l${i}` });
    t.equal((await call('GET', labelsOf(a.conversationId), agent)).json().labels.length, 20);
    const refused = await call('POST', labelsOf(a.conversationId), agent, { label: 'one too many' });
    t.equal(refused.statusCode, 409);
    t.equal(refused.json().error.code, 'OMNI_ERR_API_LABEL_LIMIT');
    t.equal((await call('POST', labelsOf(a.conversationId), agent, { label: 'VIP' })).statusCode, 200, 'one it has');
  });

  t.test(
    'two labels added at once to a conversation holding 19: the second waits for the first, then is refused',
    async (t) => {
      const id = b.conversationId;
      await sql`delete from conversation_labels where conversation_id = ${id}`;
      await sql`insert into conversation_labels (conversation_id, label) select ${id}, 'r' || g from generate_series(1, 19) g`;
      let commitFirst!: () => void;
      const firstMayCommit = new Promise<void>((resolve) => {
        commitFirst = resolve;
      });
      let firstAdded!: (answer: string) => void;
      const firstAnswer = new Promise<string>((resolve) => {
        firstAdded = resolve;
      });
      const first = sql.begin(async (tx) => {
        firstAdded(await addConversationLabel(tx, id, 'twentieth'));
        await firstMayCommit;
      });
      t.equal(await firstAnswer, 'added', 'the first takes the 20th place, its transaction still open');
      const second = sql.begin((tx) => addConversationLabel(tx, id, 'twenty-first'));
      await waitFor('the second to wait on the conversation row', async () => {
        const rows = await sql`
        select 1 from pg_stat_activity
        where wait_event_type = 'Lock' and query like '%from conversations where id =%for update%'`;
        return rows.length > 0;
      });
      commitFirst();
      await first;
      t.equal(await second, 'full', 'it counts after the first committed');
      const [row] = await sql<{ count: number }[]>`
      select count(*)::int as count from conversation_labels where conversation_id = ${id}`;
      t.equal(row!.count, 20);
    },
  );
});
