import t from 'tap';
import { createChannelAdmin, telegramWebhookUrl } from '../../src/channels/channel-admin.js';
import { loadConfig } from '../../src/config/load-config.js';
import { TEST_BOX } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakePlatformApi } from '../helpers/fake-platform-api.js';
import { TEST_BY } from '../helpers/audit.js';

t.test("a bot's webhook URL is the https base Omni is reached at, plus /webhook/telegram", async (t) => {
  t.equal(telegramWebhookUrl('https://omni.example.com', 'telegram'), 'https://omni.example.com/webhook/telegram');
  t.equal(
    telegramWebhookUrl('https://omni.example.com/base//', 'telegram'),
    'https://omni.example.com/base/webhook/telegram',
  );
  t.equal(
    telegramWebhookUrl('https://omni.example.com:8443/', 'telegram'),
    'https://omni.example.com:8443/webhook/telegram',
  );
  for (const bad of [
    'http://omni.example.com',
    'omni.example.com',
    'https://omni.example.com/?a=1',
    'https://u:p@omni.example.com',
    '',
  ]) {
    t.throws(
      () => telegramWebhookUrl(bad, 'telegram'),
      { code: 'OMNI_ERR_CHANNEL_INVALID', message: /^register must be the https base URL/ },
      bad,
    );
  }
  t.throws(() => telegramWebhookUrl('https://omni.example.com', 'whatsapp'), {
    message: 'register is for a telegram channel, not whatsapp',
  });
});

t.test('a committed change whose reload fails still answers success, with its generated secret', async (t) => {
  const { sql } = await createTestDatabase(t);
  const fake = await startFakePlatformApi(t);
  const warnings: unknown[] = [];
  const admin = createChannelAdmin({
    sql,
    box: TEST_BOX,
    config: loadConfig({ GRAPH_API_BASE_URL: fake.url, TELEGRAM_API_BASE_URL: fake.url }),
    onChange: async () => {
      throw new Error('connection lost');
    },
    logger: {
      warn(...args: unknown[]) {
        warnings.push(args);
      },
    },
  });
  const added = await admin.add({ platform: 'telegram', name: 'Sales bot', botToken: '111:sales-bot-token' }, TEST_BY);
  t.match(added.webhookSecret, /^[A-Za-z0-9_-]+$/, 'the generated secret is shown');
  t.equal((await admin.get({ nameOrId: 'Sales bot' })).id, added.channel.id, 'the channel is stored');
  t.match(await admin.setEnabled({ nameOrId: added.channel.id }, false, TEST_BY), { enabled: false });
  t.match(warnings, [[{ reason: 'connection lost' }], [{ reason: 'connection lost' }]], 'each failed reload logged');
});
