import t from 'tap';
import { environmentSecrets } from '../../src/channels/environment-channels.js';

t.test("a platform's environment channel joins its webhook secrets and its API token", async (t) => {
  const platforms = { whatsapp: { appSecret: 'a', verifyToken: 'v' }, telegram: { secretToken: 's' } };
  t.same(environmentSecrets(platforms, { whatsapp: 'tok', telegram: '1:x' }), {
    whatsapp: { appSecrets: ['a'], verifyToken: 'v', accessToken: 'tok' },
    telegram: { webhookSecret: 's', botToken: '1:x' },
  });
});

t.test("a token alone makes its platform's environment channel: a split deployment's worker sends", async (t) => {
  t.same(environmentSecrets({}, { messenger: 'page', telegram: '1:x' }), {
    messenger: { accessToken: 'page' },
    telegram: { botToken: '1:x' },
  });
  t.same(environmentSecrets({}, {}), {}, 'nothing set, no channel');
});

t.test('a Telegram secret Telegram would refuse stops the start, naming the variable', async (t) => {
  for (const bad of ['has space', 'a'.repeat(257), 'üñí', '']) {
    t.throws(
      () => environmentSecrets({ telegram: { secretToken: bad } }, {}),
      { code: 'OMNI_ERR_CONFIG_INVALID', message: /TELEGRAM_WEBHOOK_SECRET$/ },
      JSON.stringify(bad),
    );
  }
});
