import t from 'tap';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppStatusBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker } from '../helpers/worker.js';

const NOW = Math.floor(Date.now() / 1000);

t.test('a status for a message Omni never saw makes a conversation with no message yet', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  startTestWorker(t, sql, queue);
  const { authorization } = await bearerHeaders(sql);
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization } });
  const processed = (count: number) =>
    waitFor(`${count} items processed`, async () => {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from queue_logs where status = 'processed'`;
      return row!.n === count;
    });

  const status = await postWebhook(
    app,
    'whatsapp',
    whatsAppStatusBody({ id: 'wamid.SENT-ELSEWHERE', status: 'delivered', timestamp: NOW }),
  );
  t.equal(status.statusCode, 200);
  await processed(1);
  const [conversation] = await sql<
    { id: string; contact_id: string | null }[]
  >`select id, contact_id from conversations`;
  const id = Number(conversation!.id);

  t.test('answers it with a null lastMessageAt and lastMessage (the document says so)', async (t) => {
    const response = await get(`/api/conversations/${id}`);
    t.equal(response.statusCode, 200);
    t.match(response.json(), { id, lastMessageAt: null, lastMessage: null });
    if (conversation!.contact_id !== null) {
      t.equal((await get(`/api/contacts/${conversation!.contact_id}`)).statusCode, 200);
    }
  });

  t.test('leaves it out of the list until its first message, then lists it with that time', async (t) => {
    t.same((await get('/api/conversations')).json().conversations, []);
    t.equal((await postWebhook(app, 'whatsapp', whatsAppTextBody('wamid.FIRST', NOW))).statusCode, 200);
    await processed(2);
    const listed = (await get('/api/conversations')).json().conversations;
    t.match(listed, [{ id, lastMessageAt: new Date(NOW * 1000).toISOString() }]);
  });
});
