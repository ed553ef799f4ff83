import { randomBytes } from 'node:crypto';
import t from 'tap';
import { openChannelDirectory } from '../../src/channels/channel-directory.js';
import { upsertEnvironmentChannels } from '../../src/channels/environment-channels.js';
import {
  addChannel,
  type ChannelManagement,
  findChannel,
  rekeyChannels,
  removeChannel,
  setChannelEnabled,
  updateChannel,
} from '../../src/channels/manage-channels.js';
import { loadConfig } from '../../src/config/load-config.js';
import { OmniError } from '../../src/errors.js';
import type { SqlPool } from '../../src/store/database.js';
import { createSecretBox } from '../../src/vault/secret-box.js';
import { createTestDatabase } from '../helpers/database.js';
import { TEST_BY } from '../helpers/audit.js';

const config = loadConfig({});
const silent = { info() {}, warn() {}, error() {} };

function management(sql: SqlPool, key = randomBytes(32), previous: Buffer[] = []): ChannelManagement {
  return {
    sql,
    by: TEST_BY,
    box: createSecretBox({ current: key, previous }),
    config,
    identifyBot: async (botToken) => {
      if (botToken.startsWith('bad')) throw new OmniError('OMNI_ERR_CHANNEL_INVALID', 'botToken: Unauthorized');
      return { botId: botToken.split(':')[0], username: 'omni_bot' };
    },
  };
}

const whatsapp = {
  platform: 'whatsapp',
  name: 'Brazil',
  phoneNumberId: '1001',
  appSecret: 'app-secret-one-0001',
  verifyToken: 'verify-token-0001',
  accessToken: 'EAAG-access-token-0001',
};

t.test('validation names the field at fault', async (t) => {
  const { sql } = await createTestDatabase(t);
  const m = management(sql);
  await t.rejects(addChannel(m, { ...whatsapp, platform: 'signal' }), {
    code: 'OMNI_ERR_CHANNEL_INVALID',
    message: 'platform must be one of whatsapp, messenger, instagram, telegram',
  });
  const { accessToken: _, ...noToken } = whatsapp;
  await t.rejects(addChannel(m, noToken), { message: /^accessToken is required/ });
  await t.rejects(addChannel(m, { ...whatsapp, pageId: 'P' }), { message: /^pageId is not a whatsapp channel field/ });
  await t.rejects(addChannel(m, { ...whatsapp, sendsPerSecond: 0 }), { message: /^sendsPerSecond must be an integer/ });
  await t.rejects(addChannel(m, { ...whatsapp, name: 'Default' }), { message: /^name "default" is the name/ });
  await t.rejects(
    addChannel(m, { platform: 'messenger', name: 'P', appSecret: 'a', verifyToken: 'v', accessToken: 't' }),
    {
      message: /^pageId is required for a messenger channel/,
    },
  );
  await t.rejects(addChannel(m, { platform: 'telegram', name: 'Bot', botToken: '1:x', webhookSecret: 'not ok!' }), {
    message: /^webhookSecret must be/,
  });
  await t.rejects(addChannel(m, { platform: 'telegram', name: 'Bot', botToken: 'bad:x' }), { message: /Unauthorized/ });
});

t.test('an added channel shows hints only, and the database holds no secret in plain text', async (t) => {
  const { sql } = await createTestDatabase(t);
  const m = management(sql);
  const added = await addChannel(m, { ...whatsapp, wabaId: 'W1', sendsPerSecond: 20 });
  t.match(added.channel, {
    platform: 'whatsapp',
    name: 'Brazil',
    source: 'database',
    accountId: '1001',
    phoneNumberId: '1001',
    wabaId: 'W1',
    sendsPerSecond: 20,
    enabled: true,
    secrets: { appSecret: '…0001', verifyToken: '…0001', accessToken: '…0001' },
  });
  const bot = await addChannel(m, { platform: 'telegram', name: 'Support', botToken: '7001:AAE-bot-token-secret' });
  t.match(bot.webhookSecret, /^[\w-]{43}$/, 'a generated webhook secret, returned once');
  t.equal(bot.channel.botId, '7001', 'the bot id from getMe');
  t.notOk(JSON.stringify(bot.channel).includes(bot.webhookSecret ?? '?'));
  const short = await addChannel(m, { ...whatsapp, name: 'Short', phoneNumberId: '1002', verifyToken: 'short' });
  t.equal(short.channel.secrets.verifyToken, '…', 'a short secret shows no characters');

  const dump = (await sql<{ row: string }[]>`select channels::text as row from channels`).map((r) => r.row).join('\n');
  for (const secret of [
    whatsapp.appSecret,
    whatsapp.verifyToken,
    whatsapp.accessToken,
    'AAE-bot-token-secret',
    bot.webhookSecret ?? '',
  ]) {
    t.notOk(dump.includes(secret), 'no plaintext secret in the channels table');
  }
});

t.test('a new app secret keeps the previous one valid for APP_SECRET_ROTATION_HOURS', async (t) => {
  const { sql } = await createTestDatabase(t);
  const m = management(sql);
  const { channel } = await addChannel(m, whatsapp);
  const directory = await openChannelDirectory({ sql, box: m.box, config, environment: {}, logger: silent });
  t.teardown(() => directory.close());
  const before = Date.now();
  const updated = await updateChannel(m, 'brazil', {
    appSecret: 'app-secret-two-0002',
    accessToken: 'EAAG-new-token-0002',
  });
  t.equal(updated.secrets.appSecret, '…0002');
  t.equal(updated.secrets.verifyToken, '…0001', 'the other hints stay');
  const until = Date.parse(updated.previousAppSecretUntil ?? '');
  t.ok(until >= before + 24 * 3_600_000 && until <= Date.now() + 24 * 3_600_000);
  await directory.refresh();
  t.same(directory.byId(channel.id)?.secrets, {
    appSecrets: ['app-secret-two-0002', 'app-secret-one-0001'],
    verifyToken: whatsapp.verifyToken,
    accessToken: 'EAAG-new-token-0002',
  });
  await sql`update channels set previous_app_secret_until = now() - interval '1 second' where id = ${channel.id}`;
  await directory.refresh();
  t.same(directory.byId(channel.id)?.secrets.appSecrets, ['app-secret-two-0002'], 'the window closed');
});

t.test('adding a channel for an account adopts its unrouted conversations', async (t) => {
  const { sql } = await createTestDatabase(t);
  await sql`insert into conversations (platform, account, conversation_key) values ('whatsapp', '1001', 'k1')`;
  const added = await addChannel(management(sql), whatsapp);
  t.equal(added.adopted, 1);
  const [conversation] = await sql`select channel_id from conversations`;
  t.equal(Number(conversation.channel_id), added.channel.id);
});

t.test('a disabled channel enabled again adopts what its account received meanwhile, unrouted', async (t) => {
  const { sql } = await createTestDatabase(t);
  const m = management(sql);
  const added = await addChannel(m, whatsapp);
  await setChannelEnabled(m, added.channel.id, false);
  await sql`insert into conversations (platform, account, conversation_key) values ('whatsapp', '1001', 'k1')`;
  await sql`insert into contacts (platform, account, external_id) values ('whatsapp', '1001', 'k1')`;
  await setChannelEnabled(m, added.channel.id, true);
  const [conversation] = await sql`select channel_id from conversations`;
  const [contact] = await sql`select channel_id from contacts`;
  t.equal(Number(conversation.channel_id), added.channel.id);
  t.equal(Number(contact.channel_id), added.channel.id);
});

t.test("a stored bot may not take the environment's Telegram secret; the refusal names neither", async (t) => {
  const { sql } = await createTestDatabase(t);
  const m = { ...management(sql), config: loadConfig({ TELEGRAM_WEBHOOK_SECRET: 'env_Secret-1' }) };
  const refused = { code: 'OMNI_ERR_CHANNEL_SECRET_TAKEN', message: 'webhookSecret: another channel uses this secret' };
  const bot = { platform: 'telegram', name: 'Bot', botToken: '7001:tok' };
  await t.rejects(addChannel(m, { ...bot, webhookSecret: 'env_Secret-1' }), refused);
  const added = await addChannel(m, { ...bot, webhookSecret: 'own_Secret-2' });
  await t.rejects(updateChannel(m, added.channel.id, { webhookSecret: 'env_Secret-1' }), refused);
  t.ok(await updateChannel(m, added.channel.id, { webhookSecret: 'own_Secret-3' }), 'any other secret is taken');
});

t.test('finding, disabling and removing by name or id; a name on several platforms asks for more', async (t) => {
  const { sql } = await createTestDatabase(t);
  const m = management(sql);
  const wa = await addChannel(m, { ...whatsapp, name: 'Sales' });
  await addChannel(m, {
    platform: 'messenger',
    name: 'Sales',
    pageId: 'P1',
    appSecret: 'a',
    verifyToken: 'v',
    accessToken: 't',
  });
  await t.rejects(findChannel(sql, 'sales'), {
    code: 'OMNI_ERR_CHANNEL_AMBIGUOUS',
    message: /whatsapp \(id \d+\), messenger/,
  });
  t.equal((await findChannel(sql, 'sales', 'whatsapp')).id, wa.channel.id);
  t.equal((await setChannelEnabled(m, String(wa.channel.id), false)).enabled, false);
  const removed = await removeChannel(m, 'Sales', 'whatsapp');
  t.ok(removed.removedAt);
  t.same(removed.secrets, {});
  await t.rejects(findChannel(sql, wa.channel.id), { code: 'OMNI_ERR_CHANNEL_NOT_FOUND' });
});

t.test('an environment channel refuses update and removal, naming its variables, but takes its WABA', async (t) => {
  const { sql } = await createTestDatabase(t);
  await upsertEnvironmentChannels(sql, { whatsapp: { appSecrets: ['x'], verifyToken: 'y' } });
  const m = management(sql);
  await t.rejects(updateChannel(m, 'default', { accessToken: 'new' }), {
    code: 'OMNI_ERR_CHANNEL_FROM_ENVIRONMENT',
    message: /WHATSAPP_APP_SECRET/,
  });
  await t.rejects(removeChannel(m, 'default'), { code: 'OMNI_ERR_CHANNEL_FROM_ENVIRONMENT' });
  t.equal((await setChannelEnabled(m, 'default', false)).enabled, false);
  t.equal(
    (await updateChannel(m, 'default', { wabaId: '204300000000001' })).wabaId,
    '204300000000001',
    'no variable holds its WABA',
  );
});

t.test('without a key, adding a channel with secrets names OMNI_ENCRYPTION_KEY', async (t) => {
  const { sql } = await createTestDatabase(t);
  await t.rejects(addChannel({ ...management(sql), box: undefined }, whatsapp), {
    code: 'OMNI_ERR_CONFIG_INVALID',
    message: /set OMNI_ENCRYPTION_KEY/,
  });
});

t.test('rekey re-seals what an older key sealed, after which the older key is not needed', async (t) => {
  const { sql } = await createTestDatabase(t);
  const oldKey = randomBytes(32);
  await addChannel(management(sql, oldKey), whatsapp);
  await addChannel(management(sql, oldKey), { platform: 'telegram', name: 'Bot', botToken: '7001:tok' });
  const newKey = randomBytes(32);
  const rotating = management(sql, newKey, [oldKey]);
  t.same(await rekeyChannels(rotating), { channels: 2, secrets: 5 });
  t.same(await rekeyChannels(rotating), { channels: 0, secrets: 0 }, 'nothing left');
  const box = createSecretBox({ current: newKey, previous: [] });
  const directory = await openChannelDirectory({ sql, box, config, environment: {}, logger: silent });
  t.teardown(() => directory.close());
  t.equal(directory.enabled('whatsapp')[0].secrets.accessToken, whatsapp.accessToken);
  t.equal(directory.enabled('telegram')[0].secrets.botToken, '7001:tok');
});
