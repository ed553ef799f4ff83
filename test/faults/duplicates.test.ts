import t from 'tap';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { readLedger } from '../helpers/ledger.js';
import { createTestQueue } from '../helpers/queue.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';

t.test('duplicates make one row each: redelivered in a row, concurrently, and twice in one payload', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, outbox } = await createTestApp(t, { sql, queue });

  const inARow = whatsAppTextBody('wamid.DUP-ROW', 1750000001);
  for (let i = 0; i < 3; i++) t.equal((await postWebhook(app, 'whatsapp', inARow)).statusCode, 200);

  const concurrent = whatsAppTextBody('wamid.DUP-CONCURRENT', 1750000002);
  const answers = await Promise.all(Array.from({ length: 20 }, () => postWebhook(app, 'whatsapp', concurrent)));
  t.ok(
    answers.every((a) => a.statusCode === 200),
    'all 20 concurrent deliveries acknowledged',
  );
  t.equal(
    answers.reduce((n, a) => n + a.json().stored, 0),
    1,
    'exactly one delivery stored it',
  );

  const twiceInside = whatsAppTextBody('wamid.DUP-INSIDE', 1750000003) as any;
  const value = twiceInside.entry[0].changes[0].value;
  value.messages.push(structuredClone(value.messages[0]));
  twiceInside.entry.push(structuredClone(twiceInside.entry[0]));
  const inside = await postWebhook(app, 'whatsapp', twiceInside);
  t.equal(inside.statusCode, 200);
  t.equal(inside.json().stored, 1, 'four copies in one body, one row');

  await outbox.drain();
  t.same(await readLedger(sql, ['wamid.DUP-ROW', 'wamid.DUP-CONCURRENT', 'wamid.DUP-INSIDE']), {
    stored: 3,
    doubled: 0,
    unqueued: 0,
    processed: 0,
    dead: 0,
  });
  const queueRows = await sql`select count(*)::int as n from queue_logs`;
  t.equal(queueRows[0].n, 3, 'one queue row each, so each is processed once');
});
