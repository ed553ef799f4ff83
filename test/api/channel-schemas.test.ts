import t from 'tap';
import { addChannelBody, channelSchema, updateChannelBody } from '../../src/http/api/channel-schemas.js';
import { PLATFORMS } from '../../src/platforms/registry.js';
import { PLATFORM_NAMES } from '../../src/platforms/types.js';

type Properties = Record<string, { writeOnly?: boolean; description?: string; type?: unknown }>;

t.test('POST and PATCH /api/channels take every field a platform declares for its channel', async (t) => {
  const add = addChannelBody.properties as Properties;
  const update = updateChannelBody.properties as Properties;
  for (const name of PLATFORM_NAMES) {
    const { account, secrets, extras } = PLATFORMS[name].channel;
    const given = 'given' in account ? [account.given] : [];
    for (const field of [...given, ...extras]) {
      t.ok(add[field.name], `${name} ${field.name}`);
      t.notOk(add[field.name].writeOnly, `${field.name} is no secret`);
    }
    for (const secret of secrets) {
      t.equal(add[secret.name]?.writeOnly, true, `${name} ${secret.name} is write-only`);
      t.ok(update[secret.name], `${secret.name} can be changed`);
    }
  }
  t.equal(
    add.appSecret.description,
    'whatsapp, messenger, instagram (required): the Meta app secret webhooks are signed with',
  );
  t.match(add.webhookSecret.description, /1 to 256 characters of A-Z, a-z, 0-9, _ and -/, "Telegram's rule, told");
  t.same(update.wabaId.type, ['string', 'null'], 'an update may clear the WABA id');
});

t.test(
  "a channel's answer carries its account under each platform's name for it, and hints of every secret",
  async (t) => {
    const properties = channelSchema.properties as unknown as Properties & { secrets: { properties: Properties } };
    for (const name of ['phoneNumberId', 'pageId', 'instagramId', 'botId']) t.ok(properties[name], name);
    t.match(properties.botId.description, /telegram: accountId again \(the bot's id, learned from the token's getMe\)/);
    t.same(Object.keys(properties.secrets.properties), [
      'appSecret',
      'verifyToken',
      'accessToken',
      'botToken',
      'webhookSecret',
    ]);
  },
);
