import { createHmac, randomBytes } from 'node:crypto';
import t from 'tap';
import { openChannelDirectory } from '../../src/channels/channel-directory.js';
import { channelKeyrings } from '../../src/channels/channel-keyrings.js';
import { environmentSecrets, upsertEnvironmentChannels } from '../../src/channels/environment-channels.js';
import { addChannel, type ChannelManagement } from '../../src/channels/manage-channels.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createSql } from '../../src/store/database.js';
import { createSecretBox } from '../../src/vault/secret-box.js';
import { replyChannel } from '../../src/replies/reply-channel.js';
import { createTestDatabase } from '../helpers/database.js';
import { waitFor } from '../helpers/wait-for.js';
import { TEST_BY } from '../helpers/audit.js';

const config = loadConfig({});
const box = createSecretBox({ current: randomBytes(32), previous: [] });
const logger = { info() {}, warn() {}, error() {} };

const page = (name: string, pageId: string) => ({
  platform: 'messenger',
  name,
  pageId,
  appSecret: `app-secret-${pageId}`,
  verifyToken: `verify-${pageId}`,
  accessToken: `page-token-${pageId}`,
});

t.test('a channel added through another connection reaches the directory by NOTIFY', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const directory = await openChannelDirectory({ sql, box, config, environment: {}, logger });
  t.teardown(() => directory.close());
  t.same(directory.enabled('messenger'), []);
  const other = createSql(url, { max: 1 });
  t.teardown(() => other.end());
  const changed = new Promise<void>((resolve) => directory.onChange(resolve));
  const m: ChannelManagement = {
    sql: other,
    by: TEST_BY,
    box,
    config,
    identifyBot: async () => ({ botId: '1', username: 'b' }),
  };
  const { channel } = await addChannel(m, page('Shop', 'P1'));
  await changed;
  t.match(directory.byId(channel.id), {
    platform: 'messenger',
    accountId: 'P1',
    enabled: true,
    sendsPerSecond: config.sending.sendsPerSecond.messenger,
    secrets: { appSecrets: ['app-secret-P1'], accessToken: 'page-token-P1' },
  });
  t.equal(directory.enabled('messenger').length, 1);
});

t.test('a disabled channel is found by id but not among the enabled ones', async (t) => {
  const { sql } = await createTestDatabase(t);
  const m: ChannelManagement = {
    sql,
    by: TEST_BY,
    box,
    config,
    identifyBot: async () => ({ botId: '1', username: 'b' }),
  };
  const { channel } = await addChannel(m, { ...page('Shop', 'P1'), sendsPerSecond: 3 });
  await sql`update channels set enabled = false where id = ${channel.id}`;
  const directory = await openChannelDirectory({ sql, box, config, environment: {}, logger });
  t.teardown(() => directory.close());
  t.equal(directory.byId(channel.id)?.sendsPerSecond, 3);
  t.same(directory.enabled('messenger'), []);
});

t.test('starting with stored secrets and no key fails naming OMNI_ENCRYPTION_KEY', async (t) => {
  const { sql } = await createTestDatabase(t);
  const m: ChannelManagement = {
    sql,
    by: TEST_BY,
    box,
    config,
    identifyBot: async () => ({ botId: '1', username: 'b' }),
  };
  await addChannel(m, page('Shop', 'P1'));
  await t.rejects(openChannelDirectory({ sql, box: undefined, config, environment: {}, logger }), {
    code: 'OMNI_ERR_CONFIG_INVALID',
    message: /set OMNI_ENCRYPTION_KEY/,
  });
});

t.test('a channel whose secrets cannot be opened is kept unusable and logged; the others load', async (t) => {
  const { sql } = await createTestDatabase(t);
  const m: ChannelManagement = {
    sql,
    by: TEST_BY,
    box,
    config,
    identifyBot: async () => ({ botId: '1', username: 'b' }),
  };
  const { channel: shop } = await addChannel(m, page('Shop', 'P1'));
  const errors: unknown[] = [];
  const recording = {
    ...logger,
    error(...args: unknown[]) {
      errors.push(args);
    },
  };
  const directory = await openChannelDirectory({ sql, box, config, environment: {}, logger: recording });
  t.teardown(() => directory.close());
  // A value sealed by a key this process lacks (another process's newer key, say).
  const foreign = createSecretBox({ current: randomBytes(32), previous: [] }).seal(
    'foreign-token',
    'channel:accessToken',
  );
  await sql`update channels set access_token = ${foreign} where id = ${shop.id}`;
  const { channel: outlet } = await addChannel(m, page('Outlet', 'P2'));
  await directory.refresh();

  t.equal(directory.byId(outlet.id)?.secrets.accessToken, 'page-token-P2', 'a later channel still loads');
  t.match(directory.byId(shop.id), { unreadable: true, enabled: false, secrets: {} });
  t.same(
    directory.enabled('messenger').map((c) => c.id),
    [outlet.id],
    'it authenticates no webhook',
  );
  t.throws(() => replyChannel(directory, shop.id), { code: 'OMNI_ERR_REPLY_CHANNEL_UNREADABLE' });
  t.match(errors.at(-1), [{ channels: [{ id: shop.id, name: 'Shop', code: 'OMNI_ERR_VAULT_KEY_UNKNOWN' }] }]);
  t.notMatch(JSON.stringify(errors), /page-token|foreign-token|app-secret/, 'no secret logged');
});

t.test('a change committed while the directory first loads is not missed', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const other = createSql(url, { max: 1 });
  t.teardown(() => other.end());
  const m: ChannelManagement = {
    sql: other,
    by: TEST_BY,
    box,
    config,
    identifyBot: async () => ({ botId: '1', username: 'b' }),
  };
  let added: Promise<unknown> | undefined;
  // The pool as the directory sees it: right after its first read answers, another process adds a channel.
  const racing = new Proxy(sql, {
    apply(target, self, args) {
      const query = Reflect.apply(target, self, args) as Promise<unknown>;
      if (added) return query;
      added = query.then(() => addChannel(m, page('Shop', 'P1')));
      return added.then(() => query);
    },
  });
  const slow = { ...config, channels: { ...config.channels, refreshSeconds: 3600 } };
  const directory = await openChannelDirectory({ sql: racing, box, config: slow, environment: {}, logger });
  t.teardown(() => directory.close());
  await waitFor('the NOTIFY of the channel added during the first load', async () =>
    directory.enabled('messenger').some((c) => c.accountId === 'P1'),
  );
  t.pass('no periodic refresh needed');
});

t.test('a previous app secret stops verifying when its rotation window ends, with no reload asked', async (t) => {
  const { sql } = await createTestDatabase(t);
  const m: ChannelManagement = {
    sql,
    by: TEST_BY,
    box,
    config,
    identifyBot: async () => ({ botId: '1', username: 'b' }),
  };
  const { channel } = await addChannel(m, page('Shop', 'P1'));
  const previous = box.seal('old-app-secret', 'channel:appSecret');
  await sql`
    update channels set previous_app_secret = ${previous}, previous_app_secret_until = now() + interval '1 second'
    where id = ${channel.id}`;
  const slow = { ...config, channels: { ...config.channels, refreshSeconds: 3600 } };
  const directory = await openChannelDirectory({ sql, box, config: slow, environment: {}, logger });
  t.teardown(() => directory.close());
  t.same(directory.byId(channel.id)?.secrets.appSecrets, ['app-secret-P1', 'old-app-secret']);
  await waitFor(
    'the reload when the window closes',
    async () => directory.byId(channel.id)?.secrets.appSecrets?.length === 1,
  );
  t.same(directory.byId(channel.id)?.secrets.appSecrets, ['app-secret-P1']);
});

t.test("the environment's channels: rows without stored secrets, their secrets from the variables", async (t) => {
  const { sql } = await createTestDatabase(t);
  const env = loadConfig({
    WHATSAPP_APP_SECRET: 'env-app-secret',
    WHATSAPP_VERIFY_TOKEN: 'env-verify',
    WHATSAPP_ACCESS_TOKEN: 'env-token',
    TELEGRAM_WEBHOOK_SECRET: 'env-telegram-secret',
    WHATSAPP_SENDS_PER_SECOND: '7',
  });
  const environment = environmentSecrets(env.platforms, env.platformTokens);
  await upsertEnvironmentChannels(sql, environment);
  await upsertEnvironmentChannels(sql, environment);
  const rows =
    await sql`select platform, name, source, account_id, channels::text as text from channels order by platform`;
  t.same(
    rows.map((r) => [r.platform, r.name, r.source, r.account_id]),
    [
      ['telegram', 'default', 'environment', null],
      ['whatsapp', 'default', 'environment', null],
    ],
  );
  t.notOk(
    rows.some((r) => r.text.includes('env-')),
    'no secret stored',
  );
  // No key needed: an environment channel stores nothing sealed.
  const directory = await openChannelDirectory({ sql, box: undefined, config: env, environment, logger });
  t.teardown(() => directory.close());
  t.match(directory.enabled('whatsapp'), [
    {
      name: 'default',
      source: 'environment',
      accountId: null,
      sendsPerSecond: 7,
      secrets: { appSecrets: ['env-app-secret'], verifyToken: 'env-verify', accessToken: 'env-token' },
    },
  ]);
  t.same(directory.enabled('telegram')[0].secrets, { webhookSecret: 'env-telegram-secret' });
});

t.test('an environment channel whose variables are gone stays, but authenticates nothing', async (t) => {
  const { sql } = await createTestDatabase(t);
  await upsertEnvironmentChannels(sql, { instagram: { appSecrets: ['x'], verifyToken: 'y' } });
  const directory = await openChannelDirectory({ sql, box, config, environment: {}, logger });
  t.teardown(() => directory.close());
  t.same(directory.enabled('instagram'), []);
  t.match(directory.byId(1), { name: 'default', enabled: false });
});

t.test(
  "a worker given only a platform's token has its environment channel: it sends, and authenticates nothing",
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const environment = environmentSecrets({}, { whatsapp: 'EAAG-worker-token' });
    await upsertEnvironmentChannels(sql, environment);
    const directory = await openChannelDirectory({ sql, box: undefined, config, environment, logger });
    t.teardown(() => directory.close());
    const [channel] = directory.enabled('whatsapp');
    t.equal(replyChannel(directory, channel!.id).secrets.accessToken, 'EAAG-worker-token');
    const rawBody = Buffer.from('{"object":"whatsapp_business_account"}');
    const signature = `sha256=${createHmac('sha256', 'any-app-secret').update(rawBody).digest('hex')}`;
    const keyring = channelKeyrings(directory, logger).keyring('whatsapp');
    t.equal(keyring?.authenticate({ headers: { 'x-hub-signature-256': signature }, rawBody }).verdict, 'invalid');
  },
);
