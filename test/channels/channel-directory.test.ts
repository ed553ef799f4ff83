import { randomBytes } from 'node:crypto';
import t from 'tap';
import { openChannelDirectory } from '../../src/channels/channel-directory.js';
import { environmentSecrets, upsertEnvironmentChannels } from '../../src/channels/environment-channels.js';
import { addChannel, type ChannelManagement } from '../../src/channels/manage-channels.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createSql } from '../../src/store/database.js';
import { createSecretBox } from '../../src/vault/secret-box.js';
import { createTestDatabase } from '../helpers/database.js';

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
  const m: ChannelManagement = { sql: other, box, config, identifyBot: async () => ({ botId: '1', username: 'b' }) };
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
  const m: ChannelManagement = { sql, box, config, identifyBot: async () => ({ botId: '1', username: 'b' }) };
  const { channel } = await addChannel(m, { ...page('Shop', 'P1'), sendsPerSecond: 3 });
  await sql`update channels set enabled = false where id = ${channel.id}`;
  const directory = await openChannelDirectory({ sql, box, config, environment: {}, logger });
  t.teardown(() => directory.close());
  t.equal(directory.byId(channel.id)?.sendsPerSecond, 3);
  t.same(directory.enabled('messenger'), []);
});

t.test('starting with stored secrets and no key fails naming OMNI_ENCRYPTION_KEY', async (t) => {
  const { sql } = await createTestDatabase(t);
  const m: ChannelManagement = { sql, box, config, identifyBot: async () => ({ botId: '1', username: 'b' }) };
  await addChannel(m, page('Shop', 'P1'));
  await t.rejects(openChannelDirectory({ sql, box: undefined, config, environment: {}, logger }), {
    code: 'OMNI_ERR_CONFIG_INVALID',
    message: /set OMNI_ENCRYPTION_KEY/,
  });
});

t.test('a reload that fails keeps the last good channels', async (t) => {
  const { sql } = await createTestDatabase(t);
  const m: ChannelManagement = { sql, box, config, identifyBot: async () => ({ botId: '1', username: 'b' }) };
  const { channel } = await addChannel(m, page('Shop', 'P1'));
  const directory = await openChannelDirectory({ sql, box, config, environment: {}, logger });
  t.teardown(() => directory.close());
  // A value sealed by a key this process lacks: the NOTIFY's reload fails.
  const foreign = createSecretBox({ current: randomBytes(32), previous: [] }).seal(
    'foreign-token',
    'channel:accessToken',
  );
  await sql`update channels set access_token = ${foreign} where id = ${channel.id}`;
  await t.rejects(directory.refresh(), { code: 'OMNI_ERR_VAULT_KEY_UNKNOWN' });
  t.equal(directory.byId(channel.id)?.secrets.accessToken, 'page-token-P1', 'the last good set stays');
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
