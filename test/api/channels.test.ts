import t from 'tap';
import { removeChannel, setChannelEnabled } from '../../src/channels/manage-channels.js';
import { channelSigning, createTestApp, postWebhook } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { addTestChannel, CHANNEL_APP_SECRET, fakeApis, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakePlatformApi } from '../helpers/fake-platform-api.js';
import { createTestQueue } from '../helpers/queue.js';
import { WHATSAPP_NUMBER, whatsAppTextToNumber } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';
import { TEST_BY } from '../helpers/audit.js';

const T = 1749416383;
/** The Sales channel holds the fixtures' business number. */
const SALES_NUMBER = WHATSAPP_NUMBER;
/** A business number no channel holds. */
const STRAY_NUMBER = '999000111222333';

t.test('the channel shows on conversations, messages, contacts and exports, and filters the list', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  // No environment channel: only the added channels route, and an account none holds stays unrouted.
  const { app, channels } = await createTestApp(t, { sql, queue, platforms: {} });
  startTestWorker(t, sql, queue);
  const { authorization } = await bearerHeaders(sql);
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization } });
  const fake = await startFakePlatformApi(t);
  const apis = fakeApis(fake.url);
  const add = async (body: Record<string, unknown>) =>
    (await addTestChannel(sql, body, { directories: [channels], apis })).channel.id;

  const sales = await add(whatsAppChannel('Sales', SALES_NUMBER));
  const support = await add(whatsAppChannel('support', '555'));
  const page = await add({
    platform: 'messenger',
    name: 'Shop page',
    pageId: '42',
    appSecret: 'shop-app-secret',
    verifyToken: 'shop-verify',
    accessToken: 'shop-page-token-42',
  });
  await setChannelEnabled({ sql, by: TEST_BY }, page, false);
  const removed = await add({ platform: 'telegram', name: 'Old bot', botToken: '7:old-bot-token' });
  await removeChannel({ sql, by: TEST_BY }, removed);
  await channels.refresh();

  for (const [number, id, seconds] of [
    [SALES_NUMBER, 'wamid.CH-SALES-1', 0],
    [SALES_NUMBER, 'wamid.CH-SALES-2', 1],
    [STRAY_NUMBER, 'wamid.CH-STRAY-1', 2],
    [STRAY_NUMBER, 'wamid.CH-STRAY-2', 3],
  ] as const) {
    const body = whatsAppTextToNumber(number, id, T + seconds, id);
    // Signed by the app Sales and support share: the stray number reaches it, but no channel holds it.
    t.equal((await postWebhook(app, 'whatsapp', body, channelSigning('whatsapp', CHANNEL_APP_SECRET))).statusCode, 200);
  }
  await waitUntilProcessed(sql, ['wamid.CH-SALES-1', 'wamid.CH-SALES-2', 'wamid.CH-STRAY-1', 'wamid.CH-STRAY-2']);

  t.test('GET /api/channels lists the live channels by platform and name, with hints of their secrets', async (t) => {
    const [{ sealed }] = await sql`select app_secret as sealed from channels where id = ${sales}`;
    const answer = await get('/api/channels');
    t.equal(answer.statusCode, 200);
    const { channels } = answer.json();
    t.same(
      channels.map((c: { id: number }) => c.id),
      [page, sales, support],
      'messenger before whatsapp; Sales before support whatever the case; the removed bot left out',
    );
    t.same(Object.keys(channels[1]).sort(), [
      'accountId',
      'assignment',
      'assignmentCap',
      'createdAt',
      'enabled',
      'health',
      'id',
      'name',
      'phoneNumberId',
      'platform',
      'previousAppSecretUntil',
      'removedAt',
      'secrets',
      'sendsPerSecond',
      'source',
      'wabaId',
    ]);
    t.match(channels[0], {
      name: 'Shop page',
      platform: 'messenger',
      accountId: '42',
      enabled: false,
      source: 'database',
    });
    t.same(
      channels[1].secrets,
      { appSecret: '…cret', verifyToken: '…2922', accessToken: '…2922' },
      'a hint of each secret it holds',
    );
    t.notOk(answer.body.includes(sealed), 'never a sealed secret');
    t.notOk(answer.body.includes(CHANNEL_APP_SECRET), 'never a secret');
  });

  t.test('a conversation names its channel; an unrouted one names none', async (t) => {
    const { conversations } = (await get('/api/conversations')).json();
    t.equal(conversations.length, 2);
    const [stray, routed] = conversations;
    t.match(routed, {
      account: SALES_NUMBER,
      channelId: sales,
      channel: { id: sales, name: 'Sales', platform: 'whatsapp', removed: false },
    });
    t.match(stray, { account: STRAY_NUMBER, channelId: null, channel: null });

    const details = (await get(`/api/conversations/${routed.id}`)).json();
    t.match(details, {
      channelId: sales,
      channel: { name: 'Sales' },
      contact: { channelId: sales, channel: { id: sales } },
    });
    const messages = (await get(`/api/conversations/${routed.id}/messages`)).json().messages;
    t.same(
      messages.map((m: { channelId: number | null }) => m.channelId),
      [sales, sales],
    );
    const contact = (await get(`/api/contacts/${routed.contactId}`)).json();
    t.match(contact, { channelId: sales, channel: { name: 'Sales', removed: false } });
    const exported = (await get(`/api/contacts/${routed.contactId}/export`)).json();
    t.same(
      exported.conversations.map((c: { channelId: number | null }) => c.channelId),
      [sales],
    );
    t.ok(
      exported.messages.length > 0 &&
        exported.messages.every((m: { channelId: number | null }) => m.channelId === sales),
    );
    t.equal((await get(`/api/contacts/${stray.contactId}`)).json().channelId, null);
  });

  t.test('?channel= lists one channel, or the unrouted conversations', async (t) => {
    const ofSales = (await get(`/api/conversations?channel=${sales}`)).json().conversations;
    t.same(
      ofSales.map((c: { channelId: number }) => c.channelId),
      [sales],
    );
    const unrouted = (await get('/api/conversations?channel=unrouted')).json().conversations;
    t.same(
      unrouted.map((c: { account: string }) => c.account),
      [STRAY_NUMBER],
    );
    t.same((await get(`/api/conversations?channel=${support}`)).json().conversations, []);
    for (const bad of ['sales', '0', '-1', '1.5']) {
      const answer = await get(`/api/conversations?channel=${bad}`);
      t.equal(answer.statusCode, 400, `channel=${bad}`);
      t.match(answer.json().error, { code: 'OMNI_ERR_API_BAD_REQUEST', message: /channel/ });
    }
  });

  t.test('GET /api/channels/unrouted counts what waits for a channel, per platform and account', async (t) => {
    const answer = await get('/api/channels/unrouted');
    t.equal(answer.statusCode, 200);
    t.same(answer.json(), {
      accounts: [
        {
          platform: 'whatsapp',
          account: STRAY_NUMBER,
          conversations: 1,
          messages: 2,
          lastMessageAt: new Date((T + 3) * 1000).toISOString(),
        },
      ],
    });
  });

  t.test("a removed channel's conversations stay, marked as its", async (t) => {
    await removeChannel({ sql, by: TEST_BY }, sales);
    const routed = (await get(`/api/conversations?channel=${sales}`)).json().conversations;
    t.match(routed, [{ channelId: sales, channel: { name: 'Sales', removed: true } }]);
    t.notOk(
      (await get('/api/channels')).json().channels.some((c: { id: number }) => c.id === sales),
      'no longer listed among the channels',
    );
  });

  t.test('both routes need a caller', async (t) => {
    for (const url of ['/api/channels', '/api/channels/unrouted']) {
      t.equal((await app.inject({ method: 'GET', url })).statusCode, 401, url);
    }
  });
});
