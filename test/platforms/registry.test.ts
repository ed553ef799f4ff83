import t from 'tap';
import { createEnvironmentKeyrings, environmentSecrets } from '../../src/platforms/environment-keys.js';
import { createMetaPlatform } from '../../src/platforms/meta/meta-platform.js';
import { signMetaPayload } from '../../src/platforms/meta/signature.js';
import { PLATFORMS, platformFor } from '../../src/platforms/registry.js';
import { PLATFORM_NAMES } from '../../src/platforms/types.js';

t.test('the registry holds one platform per name, routed by account on Meta and by secret on Telegram', async (t) => {
  for (const name of PLATFORM_NAMES) t.equal(platformFor(name).name, name);
  t.same(
    PLATFORM_NAMES.map((name) => PLATFORMS[name].routing),
    ['account', 'account', 'account', 'secret'],
  );
  t.same(PLATFORMS.whatsapp.secretVariables, ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN']);
  t.equal(PLATFORMS.messenger.tokenVariable, 'MESSENGER_PAGE_ACCESS_TOKEN');
});

t.test('extract stays total even when the platform reader throws', async (t) => {
  const throwing = (thrown: unknown) =>
    createMetaPlatform({
      ...PLATFORMS.messenger,
      name: 'messenger',
      extract: () => {
        throw thrown;
      },
    });
  t.same(throwing(new Error('bug')).extract({ a: 1 }), {
    items: [],
    errors: [{ path: '', reason: 'unexpected failure: bug', raw: { a: 1 } }],
  });
  t.equal(throwing('plain').extract(null).errors[0]?.reason, 'unexpected failure: plain');
});

t.test('a sender needs the channel token: without one the platform cannot send', async (t) => {
  const apis = {
    graph: { baseUrl: 'http://127.0.0.1:9', version: 'v21.0' },
    telegram: { baseUrl: 'http://127.0.0.1:9' },
    timeoutMs: 100,
  };
  for (const name of PLATFORM_NAMES) {
    t.equal(platformFor(name).createSender({}, apis), undefined, name);
    t.equal(platformFor(name).createSender({ accessToken: 't', botToken: '1:t' }, apis)?.name, name);
  }
});

t.test("the environment's secrets make one keyring per configured platform", async (t) => {
  const keyrings = createEnvironmentKeyrings({
    whatsapp: { appSecret: 'wa-secret', verifyToken: 'wa-verify' },
    telegram: { secretToken: 'tg_secret' },
  });
  t.equal(keyrings.keyring('messenger'), undefined, 'no secret: no keyring, so its webhooks answer 404');
  const rawBody = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
  const headers = { 'x-hub-signature-256': signMetaPayload('wa-secret', rawBody) };
  t.same(keyrings.keyring('whatsapp')?.authenticate({ headers, rawBody }), { verdict: 'valid', channelIds: [0] });
  t.same(
    keyrings
      .keyring('telegram')
      ?.authenticate({ headers: { 'x-telegram-bot-api-secret-token': 'tg_secret' }, rawBody }),
    { verdict: 'valid', channelIds: [0] },
  );
});

t.test(
  'the environment keyrings refuse secrets that would accept unsigned webhooks, naming the variable',
  async (t) => {
    t.throws(() => createEnvironmentKeyrings({ whatsapp: { appSecret: '', verifyToken: 'v' } }), {
      code: 'OMNI_ERR_CONFIG_INVALID',
      message: 'whatsapp: appSecret is required. Set WHATSAPP_APP_SECRET',
    });
    t.throws(() => createEnvironmentKeyrings({ instagram: { appSecret: 's', verifyToken: '' } }), {
      message: 'instagram: verifyToken is required. Set INSTAGRAM_VERIFY_TOKEN',
    });
    for (const bad of ['has space', 'a'.repeat(257), 'üñí', '']) {
      t.throws(() => createEnvironmentKeyrings({ telegram: { secretToken: bad } }), /TELEGRAM_WEBHOOK_SECRET/, bad);
    }
  },
);

t.test("a platform's environment secrets join its webhook secrets and its API token", async (t) => {
  const platforms = { whatsapp: { appSecret: 'a', verifyToken: 'v' }, telegram: { secretToken: 's' } };
  t.same(environmentSecrets(platforms, { whatsapp: 'tok' }, 'whatsapp'), {
    appSecrets: ['a'],
    verifyToken: 'v',
    accessToken: 'tok',
  });
  t.same(environmentSecrets(platforms, { telegram: '1:x' }, 'telegram'), { webhookSecret: 's', botToken: '1:x' });
  t.same(environmentSecrets({}, { messenger: 'page' }, 'messenger'), { accessToken: 'page' });
  t.equal(environmentSecrets({}, {}, 'instagram'), undefined);
});
