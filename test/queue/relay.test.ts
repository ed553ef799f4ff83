import t from 'tap';
import { createOutbox } from '../../src/queue/outbox.js';
import { relayPendingOnce } from '../../src/queue/relay.js';
import { insertWebhookBatch } from '../../src/store/ingest.js';
import { platformFor } from '../../src/platforms/registry.js';
import { silentLogger } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import { createTestQueue } from '../helpers/queue.js';

t.test('the relay sends queue rows left pending after their commit, and only stale ones', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const outbox = createOutbox({ sql, sqs: queue.sqs, queueUrl: queue.queueUrl, logger: silentLogger });
  const body = loadFixture('whatsapp', 'whatsapp-text-basic').body;
  // A process that committed and died before its SQS send leaves exactly this behind.
  const [{ queued }] = await insertWebhookBatch(sql, [
    {
      platform: 'whatsapp',
      log: {
        platform: 'whatsapp',
        method: 'POST',
        headers: {},
        rawBody: Buffer.from('{}'),
        signature: 'valid',
        statusCode: 200,
        errorCode: null,
        error: null,
        itemCount: 1,
      },
      items: platformFor('whatsapp')
        .extract(body)
        .items.map((item) => ({ ...item, channelId: null })),
    },
  ]);
  t.equal(queued.length, 1);
  t.equal(await relayPendingOnce(sql, outbox, 60_000), 0, 'a fresh row is left to its own request');
  await sql`update queue_logs set created_at = now() - interval '1 minute'`;
  t.equal(await relayPendingOnce(sql, outbox, 5_000), 1);
  const [row] = await sql`select status, sqs_message_id from queue_logs`;
  t.equal(row.status, 'queued');
  t.ok(row.sqs_message_id);
  t.equal(await relayPendingOnce(sql, outbox, 5_000), 0, 'nothing is sent twice');
});
