import { Option } from 'commander';
import t from 'tap';
import { fieldUse, sharedChannelFields } from '../../src/platforms/channel-fields.js';
import {
  accountName,
  accountSource,
  channelFields,
  environmentVariables,
  givenAccount,
  secretField,
} from '../../src/platforms/channel-shape.js';
import { PLATFORMS, platformFor } from '../../src/platforms/registry.js';
import { PLATFORM_NAMES } from '../../src/platforms/types.js';

const names = (fields: readonly { name: string }[]) => fields.map((field) => field.name);

t.test('a Meta channel is given its account; a Telegram bot learns it from its token', async (t) => {
  t.same(
    PLATFORM_NAMES.map((name) => givenAccount(PLATFORMS[name].channel)?.name),
    ['phoneNumberId', 'pageId', 'instagramId', undefined],
  );
  t.same(
    PLATFORM_NAMES.map((name) => accountName(PLATFORMS[name].channel)),
    ['phoneNumberId', 'pageId', 'instagramId', 'botId'],
  );
  t.equal(accountSource(PLATFORMS.telegram.channel), 'botToken', 'another bot holding it is named by the token');
  t.equal(accountSource(PLATFORMS.messenger.channel), 'pageId');
});

t.test('an add requires the account and the required secrets; the rest is optional', async (t) => {
  const whatsapp = channelFields(PLATFORMS.whatsapp.channel);
  t.same(names(whatsapp.required), ['phoneNumberId', 'appSecret', 'verifyToken', 'accessToken']);
  t.same(names(whatsapp.optional), ['wabaId']);
  const telegram = channelFields(PLATFORMS.telegram.channel);
  t.same(names(telegram.required), ['botToken']);
  t.same(names(telegram.optional), ['webhookSecret']);
});

t.test("only Telegram's webhook secret has a form to keep: Telegram's secret_token alphabet", async (t) => {
  const format = secretField(PLATFORMS.telegram.channel, 'webhookSecret')?.format;
  t.ok(format?.pattern.test('a-Z_09'));
  t.notOk(format?.pattern.test('has space'));
  t.notOk(format?.pattern.test('x'.repeat(257)));
  t.equal(secretField(PLATFORMS.whatsapp.channel, 'appSecret')?.format, undefined);
  t.equal(secretField(PLATFORMS.whatsapp.channel, 'botToken'), undefined, 'a Meta channel takes no bot token');
});

t.test('each platform names the secret it sends with, among the secrets its channel takes', async (t) => {
  for (const name of PLATFORM_NAMES) {
    const shape = platformFor(name).channel;
    t.ok(secretField(shape, shape.token), name);
  }
  t.same(
    PLATFORM_NAMES.map((name) => PLATFORMS[name].channel.token),
    ['accessToken', 'accessToken', 'accessToken', 'botToken'],
  );
});

t.test('every flag is its field in kebab-case, so the CLI hands the service the fields it declares', async (t) => {
  for (const name of PLATFORM_NAMES) {
    const { account, secrets, extras } = PLATFORMS[name].channel;
    const given = 'given' in account ? [account.given] : [];
    for (const field of [...given, ...secrets, ...extras]) {
      t.equal(new Option(`${field.flag} ${field.value}`).attributeName(), field.name, `${name} ${field.flag}`);
    }
  }
});

t.test("the environment channel's variables, as a sentence naming each", async (t) => {
  t.equal(
    environmentVariables(PLATFORMS.messenger.channel),
    'MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN, MESSENGER_PAGE_ACCESS_TOKEN and MESSENGER_SENDS_PER_SECOND',
  );
  t.equal(
    environmentVariables(PLATFORMS.telegram.channel),
    'TELEGRAM_WEBHOOK_SECRET, TELEGRAM_BOT_TOKEN and TELEGRAM_SENDS_PER_SECOND',
  );
});

t.test('across platforms each field appears once, with the platforms that take and require it', async (t) => {
  const fields = sharedChannelFields();
  t.same(names(fields), [
    'phoneNumberId',
    'wabaId',
    'appSecret',
    'verifyToken',
    'accessToken',
    'pageId',
    'instagramId',
    'botToken',
    'webhookSecret',
  ]);
  const use = Object.fromEntries(fields.map((field) => [field.name, fieldUse(field)]));
  t.equal(use.appSecret, 'whatsapp, messenger, instagram (required)');
  t.equal(use.wabaId, 'whatsapp');
  t.equal(use.webhookSecret, 'telegram');
  t.equal(use.pageId, 'messenger (required)');
  t.equal(
    fieldUse({ ...fields[2], platforms: ['whatsapp', 'telegram'], requiredBy: ['telegram'] }),
    'whatsapp, telegram (required for telegram)',
  );
});
