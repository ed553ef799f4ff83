import t from 'tap';
import { setChannelEnabled, updateChannel } from '../../src/channels/manage-channels.js';
import { channelSigning, createTestApp, postWebhook, TEST_SECRETS } from '../helpers/app.js';
import { addTestChannel, fakeApis, testManagement, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakePlatformApi } from '../helpers/fake-platform-api.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  MESSENGER_PAGE,
  messengerTextBody,
  telegramTextBody,
  whatsAppTextToNumber,
} from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;
const APP_ONE = 'app-one-secret-0001';
const APP_TWO = 'app-two-secret-0002';
const PAGE_APP = 'page-app-secret-0003';
const STRANGER = '999000111222333';

/**
 * One server with no platform variables and, added at run time: two WhatsApp numbers on one app
 * secret, a third on another app, a Messenger Page and two Telegram bots.
 */
t.test('each webhook lands on its own channel; what none holds is stored unrouted', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, channels } = await createTestApp(t, { sql, queue, platforms: {} });
  startTestWorker(t, sql, queue);
  const fake = await startFakePlatformApi(t);
  const apis = fakeApis(fake.url);
  const add = async (body: Record<string, unknown>) =>
    (await addTestChannel(sql, body, { directories: [channels], apis })).channel.id;
  const brazil = await add(whatsAppChannel('Brazil', '1001', APP_ONE));
  const mexico = await add(whatsAppChannel('Mexico', '1002', APP_ONE));
  const spain = await add(whatsAppChannel('Spain', '1003', APP_TWO));
  const page = await add({
    platform: 'messenger',
    name: 'Shop',
    pageId: MESSENGER_PAGE,
    appSecret: PAGE_APP,
    verifyToken: 'shop-verify-token',
    accessToken: 'shop-page-token-0001',
  });
  const sales = await add({ platform: 'telegram', name: 'Sales bot', botToken: '111:sales', webhookSecret: 'sales_s' });
  const help = await add({ platform: 'telegram', name: 'Help bot', botToken: '222:help', webhookSecret: 'help_s' });

  const wa = (number: string, id: string, secret: string) =>
    postWebhook(app, 'whatsapp', whatsAppTextToNumber(number, id, T, id), channelSigning('whatsapp', secret));
  const answers = [
    await wa('1001', 'wamid.R-BRAZIL', APP_ONE),
    await wa('1002', 'wamid.R-MEXICO', APP_ONE),
    await wa('1003', 'wamid.R-SPAIN', APP_TWO),
    // Spain's number, signed by the other app: never routed to a channel whose secret did not sign it.
    await wa('1003', 'wamid.R-SPAIN-FORGED', APP_ONE),
    await wa(STRANGER, 'wamid.R-STRANGER', APP_ONE),
    await postWebhook(
      app,
      'messenger',
      messengerTextBody('m_R-PAGE', T * 1000, 'hi'),
      channelSigning('messenger', PAGE_APP),
    ),
    // The same update reaching both bots: the bot id tells them apart.
    await postWebhook(app, 'telegram', telegramTextBody(1, T, 'to sales'), channelSigning('telegram', 'sales_s')),
    await postWebhook(app, 'telegram', telegramTextBody(1, T, 'to help'), channelSigning('telegram', 'help_s')),
  ];
  t.same(
    answers.map((a) => a.statusCode),
    answers.map(() => 200),
  );
  const keys = ['wamid.R-BRAZIL', 'wamid.R-MEXICO', 'wamid.R-SPAIN', 'wamid.R-SPAIN-FORGED', 'wamid.R-STRANGER'];
  // Twice: both bots' rows carry that key.
  await waitUntilProcessed(sql, [...keys, 'm_R-PAGE', '927266710:1', '927266710:1']);
  const rows = await sql<{ external_id: string; account: string; channel_id: string | null; text: string }[]>`
    select m.external_id, m.account, m.channel_id, m.text, c.channel_id as conversation_channel
    from messages m join conversations c on c.id = m.conversation_id order by m.id`;
  const channelOf = (key: string, text?: string) =>
    rows
      .filter((r) => r.external_id === key && (text === undefined || r.text === text))
      .map((r) => (r.channel_id === null ? null : Number(r.channel_id)));
  t.same(channelOf('wamid.R-BRAZIL'), [brazil]);
  t.same(channelOf('wamid.R-MEXICO'), [mexico], 'a second number on the same app secret is its own channel');
  t.same(channelOf('wamid.R-SPAIN'), [spain]);
  t.same(channelOf('wamid.R-SPAIN-FORGED'), [null], 'signed by another app: unrouted');
  t.same(channelOf('wamid.R-STRANGER'), [null], 'an account no channel holds: stored and processed, unrouted');
  t.same(channelOf('m_R-PAGE'), [page]);
  t.same(channelOf('927266710:1', 'to sales'), [sales]);
  t.same(channelOf('927266710:1', 'to help'), [help]);
  t.same(
    rows.filter((r) => r.external_id === '927266710:1').map((r) => r.account),
    ['111', '222'],
    "a Telegram item's account is its bot's id",
  );
  t.ok(
    rows.every((r: any) => r.channel_id === r.conversation_channel),
    'each conversation is filed under its messages’ channel',
  );

  const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  t.match(metrics, /omni_items_unrouted_total\{platform="whatsapp"\} 2/);
  const seen = await waitFor('webhook health recorded', async () => {
    const health = await sql`select id from channels where last_webhook_at is not null order by id`;
    return health.length === 6 && health.map((h) => Number(h.id));
  });
  t.same(seen, [brazil, mexico, spain, page, sales, help], 'every channel a webhook reached shows it');

  t.test('a wrong signature or a wrong Telegram secret is refused', async (t) => {
    t.equal((await wa('1001', 'wamid.R-BAD', 'not-any-app-secret')).statusCode, 401);
    const wrong = await postWebhook(app, 'telegram', telegramTextBody(2, T, 'x'), channelSigning('telegram', 'nope'));
    t.equal(wrong.statusCode, 401);
    t.equal((await sql`select count(*)::int as n from messages where external_id = 'wamid.R-BAD'`)[0].n, 0);
  });

  t.test('the handshake takes the verify token of any enabled channel of the platform', async (t) => {
    const handshake = (token: string) =>
      app.inject({
        method: 'GET',
        url: `/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=42`,
      });
    t.equal((await handshake('verify-1002')).body, '42');
    t.equal((await handshake('verify-1003')).body, '42');
    t.equal((await handshake('shop-verify-token')).statusCode, 403, "another platform's token is refused");
  });

  t.test('during a rotation, the old app secret and the new one are both accepted', async (t) => {
    await updateChannel(testManagement(sql), spain, { appSecret: 'app-two-secret-ROTATED' });
    await channels.refresh();
    t.equal((await wa('1003', 'wamid.R-SPAIN-OLD', APP_TWO)).statusCode, 200);
    t.equal((await wa('1003', 'wamid.R-SPAIN-NEW', 'app-two-secret-ROTATED')).statusCode, 200);
    await waitUntilProcessed(sql, ['wamid.R-SPAIN-OLD', 'wamid.R-SPAIN-NEW']);
    const routed = await sql`
      select channel_id from messages where external_id in ('wamid.R-SPAIN-OLD', 'wamid.R-SPAIN-NEW')`;
    t.same(
      routed.map((r) => Number(r.channel_id)),
      [spain, spain],
      'both land on Spain',
    );
  });

  t.test('a platform with no enabled channel answers 404', async (t) => {
    const answer = await postWebhook(app, 'instagram', '{}', channelSigning('instagram', 'x'));
    t.equal(answer.statusCode, 404);
  });
});

/**
 * Brazil shares the environment's app (as numbers of one Meta app do), so the catch-all signs what
 * Brazil signs. Disabled, Brazil still holds its number: what reaches it is stored unrouted, never
 * filed under the catch-all; enabled again, Brazil takes it.
 */
t.test(
  "a disabled channel's account is unrouted, not the catch-all's, and is adopted when it is enabled",
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app, channels } = await createTestApp(t, { sql, queue, platforms: { whatsapp: TEST_SECRETS.whatsapp } });
    startTestWorker(t, sql, queue);
    const shared = TEST_SECRETS.whatsapp?.appSecret ?? '';
    const brazil = (await addTestChannel(sql, whatsAppChannel('Brazil', '1001', shared), { directories: [channels] }))
      .channel.id;
    await setChannelEnabled(testManagement(sql), brazil, false);
    await channels.refresh();
    const wa = (number: string, id: string) =>
      postWebhook(app, 'whatsapp', whatsAppTextToNumber(number, id, T, id), channelSigning('whatsapp', shared));
    t.equal((await wa('1001', 'wamid.D-BRAZIL')).statusCode, 200);
    t.equal((await wa(STRANGER, 'wamid.D-STRANGER')).statusCode, 200);
    await waitUntilProcessed(sql, ['wamid.D-BRAZIL', 'wamid.D-STRANGER']);
    const channelOf = async (id: string) => {
      const [row] = await sql`select m.channel_id, c.channel_id as filed from messages m
      join conversations c on c.id = m.conversation_id where m.external_id = ${id}`;
      return [row.channel_id, row.filed].map((v) => (v === null ? null : Number(v)));
    };
    const [catchAll] = await sql`select id from channels where name = 'default' and platform = 'whatsapp'`;
    t.same(await channelOf('wamid.D-BRAZIL'), [null, null], "Brazil's number while it is disabled: unrouted");
    t.same(await channelOf('wamid.D-STRANGER'), [Number(catchAll.id), Number(catchAll.id)], 'no holder: the catch-all');

    await setChannelEnabled(testManagement(sql), brazil, true);
    t.same(await channelOf('wamid.D-BRAZIL'), [brazil, brazil], 'enabled again, Brazil adopts it');
    t.same(await channelOf('wamid.D-STRANGER'), [Number(catchAll.id), Number(catchAll.id)]);
  },
);
