import t from 'tap';
import { telegramWebhookUrl } from '../../src/channels/channel-admin.js';

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
