import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { PLATFORM_NAMES } from '../../src/platforms/types.js';
import { createTestApp, postWebhook, TEST_SECRETS } from '../helpers/app.js';
import { openTestChannels } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import { createTestQueue } from '../helpers/queue.js';
import { whatsAppBatchBytes } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const samples = {
  whatsapp: loadFixture('whatsapp', 'whatsapp-text-basic'),
  messenger: loadFixture('messenger', 'messenger-text-reply-to'),
  instagram: loadFixture('instagram', 'instagram-text-2024'),
  telegram: loadFixture('telegram', 'telegram-text-entities'),
};

t.test('webhook ingest', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, outbox } = await createTestApp(t, { sql, queue });

  for (const platform of PLATFORM_NAMES) {
    t.test(`stores a signed ${platform} webhook with its audit row and a queue row, then answers 200`, async (t) => {
      const fixture = samples[platform];
      const response = await postWebhook(app, platform, fixture.body);
      t.equal(response.statusCode, 200);
      const [message] =
        await sql`select m.*, w.signature, w.status_code from messages m join webhook_logs w on w.id = m.webhook_log_id
                                  where m.platform = ${platform} and m.kind = 'message'`;
      t.ok(message, 'a messages row');
      t.equal(message.subject_external_id, fixture.expect.messages[0].externalId);
      t.equal(message.text, fixture.expect.messages[0].text);
      t.equal(message.signature, 'valid');
      t.equal(message.status_code, 200);
      const [queued] = await sql`select status from queue_logs where message_id = ${message.id}`;
      t.ok(queued, 'a queue_logs row');
    });

    t.test(`adds nothing when the same ${platform} webhook is delivered again`, async (t) => {
      const before = await sql`select count(*)::int as n from messages where platform = ${platform}`;
      const response = await postWebhook(app, platform, samples[platform].body);
      t.equal(response.statusCode, 200);
      t.same(response.json(), { ok: true, items: response.json().items, stored: 0 });
      const after = await sql`select count(*)::int as n from messages where platform = ${platform}`;
      t.equal(after[0].n, before[0].n);
      const logs =
        await sql`select count(*)::int as n from webhook_logs where platform = ${platform} and status_code = 200`;
      t.equal(logs[0].n, 2, 'both deliveries are audited');
    });
  }

  t.test('hands every stored item to SQS and marks its queue row queued', async (t) => {
    await outbox.drain();
    const rows = await sql`select status, sqs_message_id from queue_logs`;
    t.ok(rows.length >= 4);
    t.ok(
      rows.every((r) => r.status === 'queued' && r.sqs_message_id),
      'all queued with their SQS id',
    );
  });
});

t.test('answers 503 and stores nothing when the database is down', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { createSql } = await import('../../src/store/database.js');
  const unreachable = new URL(url);
  unreachable.port = '1';
  const deadSql = createSql(unreachable.toString(), { max: 1 });
  t.teardown(() => deadSql.end({ timeout: 1 }));
  // The channels were loaded while the database was up (a running server keeps them in memory).
  const channels = await openTestChannels(t, sql, { platforms: TEST_SECRETS });
  const { app } = await createTestApp(t, { sql: deadSql, queue, channels });
  const response = await postWebhook(app, 'whatsapp', samples.whatsapp.body);
  t.equal(response.statusCode, 503);
  t.equal(response.json().error.code, 'OMNI_ERR_STORE_UNAVAILABLE');
  const rows = await sql`select count(*)::int as n from messages`;
  t.equal(rows[0].n, 0);
});

t.test(
  'takes a 3 MB WhatsApp batch at the default body limit: stored whole, every message processed through the queue',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app } = await createTestApp(t, { sql, queue, bodyLimit: loadConfig({}).webhookBodyLimit });
    startTestWorker(t, sql, queue);
    const { raw, ids, texts } = whatsAppBatchBytes('wamid.LARGE', 3_000_000);
    t.ok(raw.length > 2_980_000, `a body of ${raw.length} bytes, ${ids.length} messages`);

    const response = await postWebhook(app, 'whatsapp', raw.toString());
    t.equal(response.statusCode, 200);
    t.same(response.json(), { ok: true, items: ids.length, stored: ids.length });
    await waitUntilProcessed(sql, ids);

    const stored =
      await sql`select text, conversation_id from messages where external_id = any(${ids}) order by platform_timestamp`;
    t.same(
      stored.map((m) => m.text),
      texts,
      'every text stored as sent',
    );
    t.equal(new Set(stored.map((m) => m.conversation_id)).size, 1, 'filed under the customer’s one conversation');
    const [log] = await sql`select raw_body from webhook_logs where status_code = 200`;
    t.ok(Buffer.from(log.raw_body).equals(raw), 'the audit row keeps the whole body');
  },
);
