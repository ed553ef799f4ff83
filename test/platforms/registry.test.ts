import t from 'tap';
import { createMetaPlatform } from '../../src/platforms/meta/meta-platform.js';
import { PLATFORMS, platformFor } from '../../src/platforms/registry.js';
import { PLATFORM_NAMES } from '../../src/platforms/types.js';

t.test('the registry holds one platform per name, routed by account on Meta and by secret on Telegram', async (t) => {
  for (const name of PLATFORM_NAMES) t.equal(platformFor(name).name, name);
  t.same(
    PLATFORM_NAMES.map((name) => PLATFORMS[name].routing),
    ['account', 'account', 'account', 'secret'],
  );
  t.same(PLATFORMS.whatsapp.channel.environment.secretVariables, ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN']);
  t.equal(PLATFORMS.messenger.channel.environment.tokenVariable, 'MESSENGER_PAGE_ACCESS_TOKEN');
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
