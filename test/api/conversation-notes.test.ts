import t from 'tap';
import { bearerHeaders, createScopedAgent, loginCookie } from '../helpers/auth.js';
import { openTwoInboxes } from '../helpers/inboxes.js';

interface Note {
  id: number;
  conversationId: number;
  text: string;
  author: { kind: string; id: number; name: string } | null;
  createdAt: string;
}

t.test('private notes on a conversation', async (t) => {
  const { sql, app, a, b, unroutedConversationId } = await openTwoInboxes(t);
  const member = await createScopedAgent(sql, 'sales@example.com', [a.channelId]);
  const agent = { cookie: await loginCookie(app, 'sales@example.com') };
  const admin = { authorization: (await bearerHeaders(sql, 'admin-bot')).authorization };
  const notesOf = (id: number) => `/api/conversations/${id}/notes`;
  const write = (id: number, headers: Record<string, string>, payload: object) =>
    app.inject({ method: 'POST', url: notesOf(id), headers, payload });
  const read = (id: number, headers: Record<string, string>, query = '') =>
    app.inject({ method: 'GET', url: `${notesOf(id)}${query}`, headers });
  const count = async (table: 'messages' | 'queue_logs') =>
    (await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)}`)[0]!.n;

  t.test('a note is answered 201 with its author, trimmed, and announced as a noted change', async (t) => {
    const [messages, queued] = [await count('messages'), await count('queue_logs')];
    const written = await write(a.conversationId, agent, { text: '  Customer is a reseller; check the discount.  ' });
    t.equal(written.statusCode, 201);
    const note: Note = written.json().note;
    t.match(note, {
      conversationId: a.conversationId,
      text: 'Customer is a reseller; check the discount.',
      author: { kind: 'agent', id: member.id, name: 'Test Agent' },
    });
    t.ok(Date.parse(note.createdAt) <= Date.now());
    t.equal(await count('messages'), messages, 'a note is no message');
    t.equal(await count('queue_logs'), queued, 'and queues no job');
    const [event] = await sql<{ change: string }[]>`
      select change from conversation_events where conversation_id = ${a.conversationId} order by event_seq desc limit 1`;
    t.equal(event!.change, 'noted');
  });

  t.test("a token's note names the token; the notes read back oldest first, a page at a time", async (t) => {
    const byToken = await write(a.conversationId, admin, { text: 'Refund approved.' });
    t.match(byToken.json().note.author, { kind: 'token', name: 'admin-bot' });
    await write(a.conversationId, agent, { text: 'Third note.' });
    const all = (await read(a.conversationId, agent)).json();
    t.same(
      all.notes.map((n: Note) => n.text),
      ['Customer is a reseller; check the discount.', 'Refund approved.', 'Third note.'],
    );
    t.equal(all.nextCursor, null);
    const latest = (await read(a.conversationId, agent, '?limit=2')).json();
    t.same(
      latest.notes.map((n: Note) => n.text),
      ['Refund approved.', 'Third note.'],
    );
    const older = (await read(a.conversationId, agent, `?limit=2&before=${latest.nextCursor}`)).json();
    t.same(
      older.notes.map((n: Note) => n.text),
      ['Customer is a reseller; check the discount.'],
    );
  });

  t.test('notes stay out of the messages and the conversation list preview', async (t) => {
    const messages = (
      await app.inject({ method: 'GET', url: `/api/conversations/${a.conversationId}/messages`, headers: agent })
    ).json().messages;
    t.notOk(
      messages.some((m: { text: string | null }) => m.text?.includes('reseller')),
      'no note among the messages',
    );
    const details = (
      await app.inject({ method: 'GET', url: `/api/conversations/${a.conversationId}`, headers: agent })
    ).json();
    t.notMatch(details.lastMessage?.text ?? '', /Third note/);
  });

  t.test('an empty, blank or missing text is a 400 naming the field', async (t) => {
    for (const payload of [{ text: '' }, { text: ' \n ' }, {}, { text: 'x'.repeat(10_001) }]) {
      const refused = await write(a.conversationId, agent, payload);
      t.equal(refused.statusCode, 400, JSON.stringify(payload).slice(0, 40));
      t.match(refused.json().error.message, /text/);
    }
  });

  t.test('a conversation of another channel, unrouted or unknown answers 404 and stores no note', async (t) => {
    const [before] = await sql<{ n: number }[]>`select count(*)::int as n from conversation_notes`;
    for (const id of [b.conversationId, unroutedConversationId, 999999]) {
      for (const response of [await read(id, agent), await write(id, agent, { text: 'Hello' })]) {
        t.equal(response.statusCode, 404);
        t.same(response.json().error, { code: 'OMNI_ERR_API_NOT_FOUND', message: `conversation ${id} not found` });
      }
    }
    const [after] = await sql<{ n: number }[]>`select count(*)::int as n from conversation_notes`;
    t.equal(after!.n, before!.n);
  });
});
