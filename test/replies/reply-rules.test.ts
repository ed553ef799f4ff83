import t from 'tap';
import { startReplyStack } from '../helpers/replies.js';
import { instagramTextBody, messengerTextBody, telegramTextBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';

const DAY_MS = 24 * 3600_000;

t.test("replies are checked against the platform's rules when they are asked for", async (t) => {
  const stack = await startReplyStack(t);
  // WhatsApp's customer wrote in June 2025; Messenger's three days ago; Instagram's and Telegram's just now.
  await stack.deliver('whatsapp', whatsAppTextBody('wamid.RULES-OLD', 1749416383, 'Old question'), ['wamid.RULES-OLD']);
  await stack.deliver('messenger', messengerTextBody('m_RULES-3D', Date.now() - 3 * DAY_MS, 'Still there?'), [
    'm_RULES-3D',
  ]);
  await stack.deliver('instagram', instagramTextBody('aWdfRULES-NOW', Date.now(), 'Hi'), ['aWdfRULES-NOW']);
  await stack.deliver('telegram', telegramTextBody(5, Math.floor(Date.now() / 1000), 'Hi'), ['927266710:5']);
  const whatsapp = (await stack.inbound('wamid.RULES-OLD')).conversationId;
  const messenger = (await stack.inbound('m_RULES-3D')).conversationId;
  const instagram = await stack.inbound('aWdfRULES-NOW');
  const telegram = (await stack.inbound('927266710:5')).conversationId;
  const refusal = async (conversationId: number, body: Record<string, unknown>) => {
    const response = await stack.reply(conversationId, body);
    return { status: response.statusCode, ...response.json().error };
  };

  t.test('WhatsApp after 24 hours takes only a template', async (t) => {
    t.match(await refusal(whatsapp, { text: 'Sorry for the wait' }), {
      status: 400,
      code: 'OMNI_ERR_REPLY_WINDOW_CLOSED',
      message: /only a template/,
    });
    const template = await stack.reply(whatsapp, { template: { name: 'follow_up', language: 'en' } });
    t.equal(template.statusCode, 202);
    t.equal((await stack.settled(template.json().message.id)).delivery_status, 'sent');
  });

  t.test('Messenger after 24 hours needs the HUMAN_AGENT tag, and then sends as a MESSAGE_TAG', async (t) => {
    t.match(await refusal(messenger, { text: 'Here now' }), {
      status: 400,
      code: 'OMNI_ERR_REPLY_WINDOW_CLOSED',
      message: /HUMAN_AGENT/,
    });
    const tagged = await stack.reply(messenger, { text: 'Here now', tag: 'HUMAN_AGENT' });
    t.equal(tagged.statusCode, 202);
    await stack.settled(tagged.json().message.id);
    t.match(stack.fake.requests.at(-1)!.body, {
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Here now' },
    });
  });

  t.test("texts and captions over the platform's limit are refused", async (t) => {
    t.match(await refusal(instagram.conversationId, { text: 'x'.repeat(1001) }), {
      status: 400,
      code: 'OMNI_ERR_REPLY_TOO_LONG',
      message: /at most 1000/,
    });
    t.equal(
      (await stack.reply(instagram.conversationId, { text: '😀'.repeat(1000) })).statusCode,
      202,
      'counted in characters, not bytes',
    );
    t.match(
      await refusal(telegram, {
        media: { type: 'image', url: 'https://cdn.example.com/a.jpg', caption: 'c'.repeat(1025) },
      }),
      { code: 'OMNI_ERR_REPLY_TOO_LONG' },
    );
    t.match(
      await refusal(instagram.conversationId, {
        media: { type: 'image', url: 'https://cdn.example.com/a.jpg', caption: 'hi' },
      }),
      { code: 'OMNI_ERR_REPLY_INVALID', message: /no caption/ },
    );
  });

  t.test('malformed replies are refused with what is wrong', async (t) => {
    t.match(await refusal(telegram, { template: { name: 'x', language: 'en' } }), {
      status: 400,
      code: 'OMNI_ERR_REPLY_INVALID',
      message: 'telegram has no message templates',
    });
    t.match(await refusal(telegram, { text: 'a', media: { type: 'image', url: 'https://cdn.example.com/a.jpg' } }), {
      code: 'OMNI_ERR_REPLY_INVALID',
      message: /exactly one/,
    });
    t.match(await refusal(telegram, { text: 'a', replyTo: instagram.messageId }), {
      code: 'OMNI_ERR_REPLY_INVALID',
      message: /not a sent message of this conversation/,
    });
    t.match(await refusal(telegram, { media: { type: 'image', url: 'file:///etc/passwd' } }), {
      status: 400,
      code: 'OMNI_ERR_API_BAD_REQUEST',
    });
    t.match(await refusal(999_999, { text: 'a' }), { status: 404, code: 'OMNI_ERR_API_NOT_FOUND' });
  });
});
