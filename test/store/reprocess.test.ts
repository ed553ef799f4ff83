import t from 'tap';
import { reprocessWebhookLogs } from '../../src/store/reprocess.js';
import { pruneRawBodies } from '../../src/store/webhook-log-retention.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import { createTestQueue } from '../helpers/queue.js';

t.test(
  'reprocessing stored bodies backfills what an older parser missed, and a second run changes nothing',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app, outbox } = await createTestApp(t, { sql, queue });
    t.equal(
      (await postWebhook(app, 'whatsapp', loadFixture('whatsapp', 'whatsapp-image-caption').body)).statusCode,
      200,
    );
    t.equal((await postWebhook(app, 'telegram', loadFixture('telegram', 'telegram-voice').body)).statusCode, 200);
    await outbox.drain();

    // What an older parser would have left: a message read as unsupported, and one not read at all.
    await sql`update messages set type = 'unsupported', content_kind = 'unsupported', text = null where platform = 'whatsapp'`;
    await sql`delete from queue_logs where message_id in (select id from messages where platform = 'telegram')`;
    await sql`delete from messages where platform = 'telegram'`;

    const only = await reprocessWebhookLogs(sql, { platform: 'whatsapp' });
    t.same(only, { bodies: 1, updated: 1, added: 0, unreadable: 0, pruned: 0 }, '--platform limits the run');
    const [image] = await sql`select type, content_kind, text from messages where platform = 'whatsapp'`;
    t.same(image, { type: 'image', content_kind: 'image', text: 'Taj Mahal' });

    const all = await reprocessWebhookLogs(sql);
    t.same(all, { bodies: 2, updated: 0, added: 1, unreadable: 0, pruned: 0 });
    const [voice] =
      await sql`select m.type, q.status from messages m join queue_logs q on q.message_id = m.id where m.platform = 'telegram'`;
    t.same(voice, { type: 'voice', status: 'pending' }, 'the added item waits for the relay');

    t.same(
      await reprocessWebhookLogs(sql),
      { bodies: 2, updated: 0, added: 0, unreadable: 0, pruned: 0 },
      'idempotent',
    );
    t.same(await reprocessWebhookLogs(sql, { since: new Date(Date.now() + 60_000) }), {
      bodies: 0,
      updated: 0,
      added: 0,
      unreadable: 0,
      pruned: 0,
    });
  },
);

t.test('a body removed by retention is counted as pruned, and what it stored stays as first read', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, outbox } = await createTestApp(t, { sql, queue });
  t.equal((await postWebhook(app, 'whatsapp', loadFixture('whatsapp', 'whatsapp-image-caption').body)).statusCode, 200);
  t.equal((await postWebhook(app, 'telegram', loadFixture('telegram', 'telegram-photo-caption').body)).statusCode, 200);
  await outbox.drain();
  const [first] = await sql`select min(received_at) as at from webhook_logs`;
  t.equal(await pruneRawBodies(sql, new Date(first.at.getTime() + 1), 1000), 1, 'the first body is pruned');
  await sql`update messages set text = 'as first read'`;

  const report = await reprocessWebhookLogs(sql);
  t.same(report, { bodies: 1, updated: 1, added: 0, unreadable: 0, pruned: 1 });
  const texts = await sql`select m.text from messages m join webhook_logs w on w.id = m.webhook_log_id
                          where w.raw_body is null`;
  t.same(texts, [{ text: 'as first read' }], 'the pruned webhook’s message is not read again');
  t.same(
    await reprocessWebhookLogs(sql, { platform: 'telegram' }),
    { bodies: 1, updated: 0, added: 0, unreadable: 0, pruned: 0 },
    'only the range asked about is counted',
  );
});
