import t from 'tap';
import { seedConversations } from '../../src/cli/commands/seed.js';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

t.test('conversation API', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  await seedConversations(sql, { messages: 200, conversations: 24, days: 1 }, () => {});
  const { authorization } = await bearerHeaders(sql);
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization } });

  t.test('lists conversations most recent first, filtered by platform and account', async (t) => {
    const all = (await get('/api/conversations?limit=200')).json();
    t.ok(all.conversations.length > 10);
    t.equal(all.nextCursor, null, 'one page holds them all');
    const times = all.conversations.map((c: { lastMessageAt: string }) => c.lastMessageAt);
    t.same(times, [...times].sort().reverse());
    const telegram = (await get('/api/conversations?platform=telegram&limit=200')).json().conversations;
    t.ok(telegram.length > 0 && telegram.every((c: { platform: string }) => c.platform === 'telegram'));
    const account = (await get('/api/conversations?account=seed-whatsapp&limit=200')).json().conversations;
    t.ok(account.length > 0 && account.every((c: { account: string }) => c.account === 'seed-whatsapp'));
    t.equal((await get('/api/conversations?platform=fax')).statusCode, 400);
    t.equal((await get('/api/conversations?cursor=bm9wZQ')).json().error.code, 'OMNI_ERR_API_BAD_REQUEST');
  });

  t.test('pages stay stable while a conversation moves to the top between two pages', async (t) => {
    const reference = (await get('/api/conversations?limit=200')).json().conversations.map((c: { id: number }) => c.id);
    const first = (await get('/api/conversations?limit=5')).json();
    const moved = reference[12];
    await sql`update conversations set last_message_at = now() + interval '1 hour' where id = ${moved}`;
    const seen = [...first.conversations.map((c: { id: number }) => c.id)];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = (await get(`/api/conversations?limit=5&cursor=${cursor}`)).json();
      seen.push(...page.conversations.map((c: { id: number }) => c.id));
      cursor = page.nextCursor;
    }
    t.same(
      seen,
      reference.filter((id: number) => id !== moved),
      'every other conversation once, in order; none skipped or repeated',
    );
    t.equal(
      (await get('/api/conversations?limit=1')).json().conversations[0].id,
      moved,
      'the moved one is on a fresh first page',
    );
  });

  t.test("pages a conversation's messages back in time, oldest first within a page", async (t) => {
    const [busiest] = await sql<{ id: string; n: number }[]>`
      select conversation_id as id, count(*)::int as n from messages group by conversation_id order by n desc limit 1`;
    const ids: number[] = [];
    let url = `/api/conversations/${busiest!.id}/messages?limit=7`;
    for (;;) {
      const page = (await get(url)).json();
      ids.unshift(...page.messages.map((m: { id: number }) => m.id));
      if (page.nextCursor === null) break;
      url = `/api/conversations/${busiest!.id}/messages?limit=7&before=${page.nextCursor}`;
    }
    t.equal(ids.length, busiest!.n);
    t.equal(new Set(ids).size, ids.length, 'no message twice');
    const unknown = await get('/api/conversations/999999/messages');
    t.equal(unknown.statusCode, 404);
    t.equal(unknown.json().error.code, 'OMNI_ERR_API_NOT_FOUND');
  });

  t.test(
    "one conversation tells whether its customer's reply window is open, and what a reply needs after",
    async (t) => {
      const [whatsapp] = await sql<{ id: string }[]>`
      select c.id from conversations c where c.platform = 'whatsapp'
        and exists (select 1 from messages m where m.conversation_id = c.id and m.direction = 'inbound') limit 1`;
      const lastWrote = async (at: Date) => {
        await sql`update messages set platform_timestamp = ${at}
                where conversation_id = ${whatsapp!.id} and direction = 'inbound'`;
        return (await get(`/api/conversations/${whatsapp!.id}`)).json().replyWindow;
      };
      const anHourAgo = new Date(Date.now() - 3600_000);
      t.same(await lastWrote(anHourAgo), {
        open: true,
        closesAt: new Date(anHourAgo.getTime() + 24 * 3600_000).toISOString(),
        whenClosed: 'template',
      });
      const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
      t.same(await lastWrote(twoDaysAgo), {
        open: false,
        closesAt: new Date(twoDaysAgo.getTime() + 24 * 3600_000).toISOString(),
        whenClosed: 'template',
      });
      const [telegram] = await sql<{ id: string }[]>`select id from conversations where platform = 'telegram' limit 1`;
      t.same((await get(`/api/conversations/${telegram!.id}`)).json().replyWindow, {
        open: true,
        closesAt: null,
        whenClosed: null,
      });
    },
  );

  t.test('marking a conversation read clears its unread flag', async (t) => {
    await createTestAgent(sql);
    const cookie = await loginCookie(app);
    const list = (await get('/api/conversations?limit=200')).json().conversations;
    const target = list.find((c: { unread: boolean }) => c.unread);
    t.ok(target, 'an unread conversation (its last message is inbound)');
    const read = await app.inject({
      method: 'POST',
      url: `/api/conversations/${target.id}/read`,
      headers: { cookie },
      payload: {},
    });
    t.same(read.json(), { lastReadMessageId: target.lastMessage.id });
    const after = (await get('/api/conversations?limit=200'))
      .json()
      .conversations.find((c: { id: number }) => c.id === target.id);
    t.equal(after.unread, false);
    const [earlier] = await sql`select id from messages where conversation_id = ${target.id} order by id limit 1`;
    const back = await app.inject({
      method: 'POST',
      url: `/api/conversations/${target.id}/read`,
      headers: { authorization },
      payload: { messageId: Number(earlier!.id) },
    });
    t.same(back.json(), { lastReadMessageId: Number(earlier!.id) }, 'a token may mark read up to an earlier message');
    const missing = await app.inject({
      method: 'POST',
      url: '/api/conversations/999999/read',
      headers: { authorization },
    });
    t.equal(missing.statusCode, 404);
    t.equal((await get('/api/nothing-here')).statusCode, 404);
  });
});
