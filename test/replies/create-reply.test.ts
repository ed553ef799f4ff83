import t from 'tap';
import { startReplyStack } from '../helpers/replies.js';
import { giveDefaultChannelWaba, storeTemplate } from '../helpers/templates.js';
import { messengerTextBody, telegramTextBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';

const DAY_MS = 24 * 3600_000;

// The rules themselves are tested by calling them (reply-rules.test.ts); this is what needs the
// stored conversation: its customer's last message, its messages, and that it exists at all.
t.test(
  'a reply is checked against its stored conversation when it is asked for, and sent as the rules say',
  async (t) => {
    const stack = await startReplyStack(t);
    // WhatsApp's customer wrote in June 2025; Messenger's three days ago; Telegram's just now.
    await stack.deliver('whatsapp', whatsAppTextBody('wamid.RULES-OLD', 1749416383, 'Old question'), [
      'wamid.RULES-OLD',
    ]);
    await stack.deliver('messenger', messengerTextBody('m_RULES-3D', Date.now() - 3 * DAY_MS, 'Still there?'), [
      'm_RULES-3D',
    ]);
    await stack.deliver('telegram', telegramTextBody(5, Math.floor(Date.now() / 1000), 'Hi'), ['927266710:5']);
    const whatsapp = await stack.inbound('wamid.RULES-OLD');
    const messenger = (await stack.inbound('m_RULES-3D')).conversationId;
    const telegram = (await stack.inbound('927266710:5')).conversationId;
    const refusal = async (conversationId: number, body: Record<string, unknown>) => {
      const response = await stack.reply(conversationId, body);
      return { status: response.statusCode, ...response.json().error };
    };

    t.test("WhatsApp, long after the customer's last message, refuses text and sends a template", async (t) => {
      t.match(await refusal(whatsapp.conversationId, { text: 'Sorry for the wait' }), {
        status: 400,
        code: 'OMNI_ERR_REPLY_WINDOW_CLOSED',
        message: /only a template/,
      });
      await giveDefaultChannelWaba(stack.sql, stack.channels, 'WABA-DEFAULT');
      const components = [{ type: 'BODY', text: 'Are you still there?' }];
      await storeTemplate(stack.sql, { wabaId: 'WABA-DEFAULT', name: 'follow_up', language: 'en', components });
      const response = await stack.reply(whatsapp.conversationId, { template: { name: 'follow_up', language: 'en' } });
      t.equal(response.statusCode, 202);
      t.equal((await stack.settled(response.json().message.id)).delivery_status, 'sent');
    });

    t.test('Messenger three days later needs the HUMAN_AGENT tag, and then sends as a MESSAGE_TAG', async (t) => {
      t.match(await refusal(messenger, { text: 'Here now' }), {
        status: 400,
        code: 'OMNI_ERR_REPLY_WINDOW_CLOSED',
        message: /HUMAN_AGENT/,
      });
      const tagged = await stack.reply(messenger, { text: 'Here now', tag: 'HUMAN_AGENT' });
      t.equal(tagged.statusCode, 202);
      await stack.settled(tagged.json().message.id);
      t.match(stack.fake.requests.at(-1)?.body, {
        messaging_type: 'MESSAGE_TAG',
        tag: 'HUMAN_AGENT',
        message: { text: 'Here now' },
      });
    });

    t.test('malformed replies are refused with what is wrong, and nothing is queued', async (t) => {
      t.match(await refusal(telegram, { template: { name: 'x', language: 'en' } }), {
        status: 400,
        code: 'OMNI_ERR_REPLY_INVALID',
        message: 'telegram has no message templates',
      });
      // The document's oneOf: the schema refuses it before the handler sees it.
      t.match(await refusal(telegram, { text: 'a', media: { type: 'image', url: 'https://cdn.example.com/a.jpg' } }), {
        status: 400,
        code: 'OMNI_ERR_API_BAD_REQUEST',
        message: /exactly one/,
      });
      t.match(await refusal(telegram, { text: 'a', replyTo: whatsapp.messageId }), {
        status: 400,
        code: 'OMNI_ERR_REPLY_INVALID',
        message: /not a sent message of this conversation/,
      });
      t.match(await refusal(telegram, { media: { type: 'image', url: 'file:///etc/passwd' } }), {
        status: 400,
        code: 'OMNI_ERR_API_BAD_REQUEST',
      });
      t.match(await refusal(999_999, { text: 'a' }), { status: 404, code: 'OMNI_ERR_API_NOT_FOUND' });
      const [queued] = await stack.sql<{ n: number }[]>`
      select count(*)::int as n from messages where conversation_id = ${telegram} and direction = 'outbound'`;
      t.equal(queued?.n, 0);
    });
  },
);
