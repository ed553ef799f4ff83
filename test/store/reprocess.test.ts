import t from 'tap';
import { loadStoredItemRouting } from '../../src/channels/route-stored-items.js';
import { reprocessWebhookLogs } from '../../src/store/reprocess.js';
import { pruneRawBodies } from '../../src/store/webhook-log-retention.js';
import { channelSigning, createTestApp, postWebhook } from '../helpers/app.js';
import { addTestChannel, fakeApis, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakePlatformApi } from '../helpers/fake-platform-api.js';
import { loadFixture } from '../helpers/fixtures.js';
import { createTestQueue } from '../helpers/queue.js';
import { telegramTextBody, whatsAppTextToNumber } from '../helpers/webhook-bodies.js';

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

    const only = await reprocessWebhookLogs(sql, { route: await loadStoredItemRouting(sql), platform: 'whatsapp' });
    t.same(only, { bodies: 1, updated: 1, added: 0, unreadable: 0, pruned: 0 }, '--platform limits the run');
    const [image] = await sql`select type, content_kind, text from messages where platform = 'whatsapp'`;
    t.same(image, { type: 'image', content_kind: 'image', text: 'Taj Mahal' });

    const all = await reprocessWebhookLogs(sql, { route: await loadStoredItemRouting(sql) });
    t.same(all, { bodies: 2, updated: 0, added: 1, unreadable: 0, pruned: 0 });
    const [voice] =
      await sql`select m.type, q.status from messages m join queue_logs q on q.message_id = m.id where m.platform = 'telegram'`;
    t.same(voice, { type: 'voice', status: 'pending' }, 'the added item waits for the relay');

    t.same(
      await reprocessWebhookLogs(sql, { route: await loadStoredItemRouting(sql) }),
      { bodies: 2, updated: 0, added: 0, unreadable: 0, pruned: 0 },
      'idempotent',
    );
    t.same(
      await reprocessWebhookLogs(sql, {
        route: await loadStoredItemRouting(sql),
        since: new Date(Date.now() + 60_000),
      }),
      {
        bodies: 0,
        updated: 0,
        added: 0,
        unreadable: 0,
        pruned: 0,
      },
    );
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

  const report = await reprocessWebhookLogs(sql, { route: await loadStoredItemRouting(sql) });
  t.same(report, { bodies: 1, updated: 1, added: 0, unreadable: 0, pruned: 1 });
  const texts = await sql`select m.text from messages m join webhook_logs w on w.id = m.webhook_log_id
                          where w.raw_body is null`;
  t.same(texts, [{ text: 'as first read' }], 'the pruned webhook’s message is not read again');
  t.same(
    await reprocessWebhookLogs(sql, { route: await loadStoredItemRouting(sql), platform: 'telegram' }),
    { bodies: 1, updated: 0, added: 0, unreadable: 0, pruned: 0 },
    'only the range asked about is counted',
  );
});

t.test('reprocessing routes like the webhook did: nothing new, and every item on its channel', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, outbox, channels } = await createTestApp(t, { sql, queue, platforms: {} });
  const apis = fakeApis((await startFakePlatformApi(t)).url);
  const add = async (body: Record<string, unknown>) =>
    (await addTestChannel(sql, body, { directories: [channels], apis })).channel.id;
  const mexico = await add(whatsAppChannel('Mexico', '1002', 'mexico-app-secret'));
  const bot = await add({ platform: 'telegram', name: 'Sales bot', botToken: '111:sales', webhookSecret: 'sales_s' });
  const post = async (platform: 'whatsapp' | 'telegram', body: unknown, secret: string) =>
    t.equal((await postWebhook(app, platform, body, channelSigning(platform, secret))).statusCode, 200);
  await post('whatsapp', whatsAppTextToNumber('1002', 'wamid.RP-1', 1749416383, 'hola'), 'mexico-app-secret');
  await post('whatsapp', whatsAppTextToNumber('1002', 'wamid.RP-2', 1749416384, 'otra'), 'mexico-app-secret');
  await post('telegram', telegramTextBody(1, 1749416383, 'hi bot'), 'sales_s');
  await post('telegram', telegramTextBody(2, 1749416384, 'again'), 'sales_s');
  await outbox.drain();
  const stored = () => sql`select external_id, account, channel_id::int from messages order by external_id`;
  const before = await stored();
  t.same(before, [
    { external_id: '927266710:1', account: '111', channel_id: bot },
    { external_id: '927266710:2', account: '111', channel_id: bot },
    { external_id: 'wamid.RP-1', account: '1002', channel_id: mexico },
    { external_id: 'wamid.RP-2', account: '1002', channel_id: mexico },
  ]);
  const [logs] = await sql`select array_agg(channel_ids order by id)::text as ids from webhook_logs`;
  t.equal(logs!.ids, `{{${mexico}},{${mexico}},{${bot}},{${bot}}}`, 'each log names the channel that authenticated it');

  const reprocess = async () => reprocessWebhookLogs(sql, { route: await loadStoredItemRouting(sql) });
  t.same(
    await reprocess(),
    { bodies: 4, updated: 0, added: 0, unreadable: 0, pruned: 0 },
    'a Telegram update read again is the same message',
  );
  t.same(await stored(), before);

  // What an older parser would have missed: one of each, read now for the first time.
  await sql`delete from queue_logs where message_id in (select id from messages where external_id in ('wamid.RP-2', '927266710:2'))`;
  await sql`delete from messages where external_id in ('wamid.RP-2', '927266710:2')`;
  t.same(await reprocess(), { bodies: 4, updated: 0, added: 2, unreadable: 0, pruned: 0 });
  t.same(await stored(), before, 'the items added land on the channels that authenticated their webhooks');

  t.test(
    'a body stored before its channels were recorded keeps what it stored, and adds new items unrouted',
    async (t) => {
      await sql`update webhook_logs set channel_ids = null`;
      await sql`delete from queue_logs where message_id in (select id from messages where external_id = 'wamid.RP-2')`;
      await sql`delete from messages where external_id = 'wamid.RP-2'`;
      t.same(await reprocess(), { bodies: 4, updated: 0, added: 1, unreadable: 0, pruned: 0 });
      t.same(
        await stored(),
        [
          { external_id: '927266710:1', account: '111', channel_id: bot },
          { external_id: '927266710:2', account: '111', channel_id: bot },
          { external_id: 'wamid.RP-1', account: '1002', channel_id: mexico },
          { external_id: 'wamid.RP-2', account: '1002', channel_id: null },
        ],
        "a Telegram body's stored messages tell its bot; a Meta item already stored keeps its channel",
      );
    },
  );
});
