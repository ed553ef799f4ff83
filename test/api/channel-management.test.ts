import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { upsertEnvironmentChannel } from '../../src/store/channels.js';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { openTestChannels, TEST_BOX } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakePlatformApi } from '../helpers/fake-platform-api.js';
import { createTestQueue } from '../helpers/queue.js';

const brazil = {
  platform: 'whatsapp',
  name: 'Brazil',
  phoneNumberId: '1001',
  wabaId: '2001',
  appSecret: 'app-secret-brazil-0001',
  verifyToken: 'verify-token-brazil',
  accessToken: 'EAAG-access-token-brazil-9876',
};
const BOT_TOKEN = '7000000001:AAH-bot-token-of-the-support-bot';

t.test('channels are managed over /api/channels', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const platformApi = await startFakePlatformApi(t);
  const config = loadConfig({ GRAPH_API_BASE_URL: platformApi.url, TELEGRAM_API_BASE_URL: platformApi.url });
  let refreshes = 0;
  const directory = await openTestChannels(t, sql, { platforms: {} });
  const { app } = await createTestApp(t, {
    sql,
    queue,
    channelSealing: { box: TEST_BOX, config },
    // The real directory, counting the reloads the routes ask for.
    channels: {
      ...directory,
      async refresh() {
        refreshes++;
        await directory.refresh();
      },
    },
  });
  const { authorization } = await bearerHeaders(sql);
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization }, payload });

  const added = await call('POST', '/api/channels', brazil);
  const id = added.json().channel.id;

  t.test(
    'an add answers the channel with hints of its secrets, never a secret, and refreshes the directory',
    async (t) => {
      t.equal(added.statusCode, 201);
      t.match(added.json(), {
        channel: {
          platform: 'whatsapp',
          name: 'Brazil',
          source: 'database',
          accountId: '1001',
          phoneNumberId: '1001',
          wabaId: '2001',
          enabled: true,
          sendsPerSecond: null,
          secrets: { appSecret: '…0001', verifyToken: '…azil', accessToken: '…9876' },
        },
        adopted: 0,
      });
      t.equal(refreshes, 1, "this process's directory reloaded");
      const read = await call('GET', `/api/channels/${id}`);
      t.same(read.json().channel, added.json().channel);
      const listed = (await call('GET', '/api/channels')).json().channels;
      t.same(
        listed.map((c: { id: number }) => c.id),
        [id],
      );
      for (const body of [added.body, read.body]) {
        for (const secret of [brazil.appSecret, brazil.verifyToken, brazil.accessToken]) t.notMatch(body, secret);
      }
      const [row] = await sql`select channels::text as text from channels where id = ${id}`;
      t.notMatch(row!.text, /app-secret-brazil|EAAG/, 'the table holds them sealed');
    },
  );

  t.test('bad input answers 400 or 409 naming the field, and changes nothing', async (t) => {
    const refused = async (body: object, status: number, code: string, message: RegExp) => {
      const answer = await call('POST', '/api/channels', body);
      t.equal(answer.statusCode, status, JSON.stringify(body));
      t.match(answer.json().error, { code, message });
    };
    await refused(
      { ...brazil, platform: 'signal' },
      400,
      'OMNI_ERR_CHANNEL_INVALID',
      /^platform must be one of whatsapp, messenger, instagram, telegram$/,
    );
    const { accessToken: _, ...noToken } = brazil;
    await refused({ ...noToken, name: 'Chile' }, 400, 'OMNI_ERR_CHANNEL_INVALID', /^accessToken is required/);
    const { platform: __, ...noPlatform } = brazil;
    await refused(noPlatform, 400, 'OMNI_ERR_API_BAD_REQUEST', /platform/);
    await refused(
      { ...brazil, name: 'Chile', pageId: '9' },
      400,
      'OMNI_ERR_CHANNEL_INVALID',
      /^pageId is not a whatsapp channel field/,
    );
    await refused({ ...brazil, name: 'Chile', sendsPerSecond: 0 }, 400, 'OMNI_ERR_API_BAD_REQUEST', /sendsPerSecond/);
    await refused(
      { ...brazil, name: 'Chile' },
      409,
      'OMNI_ERR_CHANNEL_ACCOUNT_TAKEN',
      /^phoneNumberId: .*held by channel "Brazil"/,
    );
    await refused(
      { ...brazil, phoneNumberId: '1002' },
      409,
      'OMNI_ERR_CHANNEL_NAME_TAKEN',
      /^name: whatsapp already has a channel named "Brazil"/,
    );
    await refused(
      { ...brazil, name: 'Chile', phoneNumberId: '1002', register: 'https://omni.example' },
      400,
      'OMNI_ERR_CHANNEL_INVALID',
      /^register is for a telegram channel/,
    );
    const telegram = { platform: 'telegram', name: 'Support bot', botToken: BOT_TOKEN };
    await refused(
      { ...telegram, register: 'http://omni.example' },
      400,
      'OMNI_ERR_CHANNEL_INVALID',
      /^register must be the https base URL/,
    );
    platformApi.answerNext(/getMe$/, {
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    await refused(telegram, 400, 'OMNI_ERR_CHANNEL_INVALID', /^botToken was refused by Telegram: Unauthorized$/);
    t.equal((await call('GET', '/api/channels')).json().channels.length, 1, 'nothing was added');
  });

  t.test(
    'a Telegram bot is learned from its token; its generated secret is answered once and registered',
    async (t) => {
      const answer = await call('POST', '/api/channels', {
        platform: 'telegram',
        name: 'Support bot',
        botToken: BOT_TOKEN,
        sendsPerSecond: 20,
        register: 'https://omni.example/base/',
      });
      t.equal(answer.statusCode, 201);
      const { channel, webhookSecret, registration } = answer.json();
      t.match(channel, { accountId: '7000000001', botId: '7000000001', sendsPerSecond: 20 });
      t.match(webhookSecret, /^[A-Za-z0-9_-]{40,}$/);
      t.same(registration, { url: 'https://omni.example/base/webhook/telegram', ok: true });
      const set = platformApi.requests.find((r) => r.path.endsWith('/setWebhook'));
      t.match(set?.body, { url: 'https://omni.example/base/webhook/telegram', secret_token: webhookSecret });
      t.ok(set?.body.allowed_updates.includes('message') && set.body.allowed_updates.includes('edited_message'));
      t.notMatch((await call('GET', `/api/channels/${channel.id}`)).body, webhookSecret, 'never again');
    },
  );

  t.test(
    'a PATCH changes what it gives: a new app secret rotates, enabled switches, null restores a default',
    async (t) => {
      await call('PATCH', `/api/channels/${id}`, { sendsPerSecond: 5 });
      const answer = await call('PATCH', `/api/channels/${id}`, {
        appSecret: 'app-secret-brazil-0002',
        enabled: false,
        sendsPerSecond: null,
      });
      t.equal(answer.statusCode, 200);
      const { channel } = answer.json();
      t.match(channel, { enabled: false, sendsPerSecond: null, secrets: { appSecret: '…0002' } });
      const window = Date.parse(channel.previousAppSecretUntil) - Date.now();
      t.ok(window > 23 * 3600_000 && window <= 24 * 3600_000, 'the old secret verifies for APP_SECRET_ROTATION_HOURS');
      const platform = await call('PATCH', `/api/channels/${id}`, { platform: 'messenger' });
      t.match(platform.json().error, { code: 'OMNI_ERR_CHANNEL_INVALID', message: /^platform cannot change/ });
      t.equal((await call('PATCH', '/api/channels/999', { enabled: true })).statusCode, 404);
      t.equal((await call('GET', '/api/channels/999')).json().error.code, 'OMNI_ERR_CHANNEL_NOT_FOUND');
    },
  );

  t.test("the environment's channel is changed through its variables, only switched here", async (t) => {
    const row = await upsertEnvironmentChannel(sql, 'messenger');
    const change = await call('PATCH', `/api/channels/${row.id}`, { accessToken: 'EAAG-another-token-000' });
    t.equal(change.statusCode, 409);
    t.match(change.json().error, {
      code: 'OMNI_ERR_CHANNEL_FROM_ENVIRONMENT',
      message: /MESSENGER_PAGE_ACCESS_TOKEN/,
    });
    t.equal((await call('DELETE', `/api/channels/${row.id}`)).statusCode, 409);
    t.match((await call('PATCH', `/api/channels/${row.id}`, { enabled: false })).json().channel, {
      source: 'environment',
      enabled: false,
    });
  });

  t.test('a DELETE removes the channel and its secrets; it is no longer found', async (t) => {
    const answer = await call('DELETE', `/api/channels/${id}`);
    t.equal(answer.statusCode, 200);
    t.match(answer.json().channel, { id, removedAt: String, secrets: {} });
    t.equal((await call('GET', `/api/channels/${id}`)).statusCode, 404);
    t.equal((await call('DELETE', `/api/channels/${id}`)).statusCode, 404);
    const [row] = await sql`select app_secret, access_token from channels where id = ${id}`;
    t.same(row, { app_secret: null, access_token: null });
  });

  t.test('every route needs a caller', async (t) => {
    for (const [method, url] of [
      ['POST', '/api/channels'],
      ['GET', `/api/channels/${id}`],
      ['PATCH', `/api/channels/${id}`],
      ['DELETE', `/api/channels/${id}`],
    ] as const) {
      t.equal((await app.inject({ method, url, payload: {} })).statusCode, 401, `${method} ${url}`);
    }
  });
});
