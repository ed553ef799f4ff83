import t from 'tap';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { readLedger } from '../helpers/ledger.js';
import { createTestQueue } from '../helpers/queue.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { waitFor } from '../helpers/wait-for.js';
import { startTestWorker } from '../helpers/worker.js';

t.test(
  'a 1,000-item Meta batch with one broken item: 999 stored and processed, the broken one kept with its error',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app } = await createTestApp(t, { sql, queue });
    const body = whatsAppTextBody('wamid.BATCH0', 1750001000) as any;
    const value = body.entry[0].changes[0].value;
    const template = value.messages[0];
    value.messages = Array.from({ length: 1000 }, (_, i) => ({
      ...template,
      id: `wamid.BATCH${i}`,
      timestamp: String(1750001000 + i),
    }));
    value.messages[500] = 'not a message object';

    const response = await postWebhook(app, 'whatsapp', body);
    t.equal(response.statusCode, 200);
    t.equal(response.json().stored, 999);
    const [log] = await sql`select error, raw_body is not null as kept from webhook_logs`;
    t.match(log.error, /messages\[500\]|messages\.500|500/, 'the broken element is named in the audit row');
    t.ok(log.kept, 'the body itself is kept, so a fixed parser can reprocess it');

    startTestWorker(t, sql, queue);
    const ids = Array.from({ length: 1000 }, (_, i) => `wamid.BATCH${i}`).filter((_, i) => i !== 500);
    await waitFor('999 processed', async () => (await readLedger(sql, ids)).processed === 999, 120_000);
    t.same(await readLedger(sql, ids), { stored: 999, doubled: 0, unqueued: 0, processed: 999, dead: 0 });
  },
);
