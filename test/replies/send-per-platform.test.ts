import t from 'tap';
import { GRAPH_VERSION } from '../helpers/fake-media-api.js';
import { SEND_TOKENS, startReplyStack } from '../helpers/replies.js';
import { giveDefaultChannelWaba, storeTemplate } from '../helpers/templates.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  INSTAGRAM_CUSTOMER,
  instagramReadBody,
  instagramTextBody,
  MESSENGER_CUSTOMER,
  messengerDeliveryBody,
  messengerReadBody,
  messengerTextBody,
  telegramTextBody,
  whatsAppStatusBody,
  whatsAppTextBody,
} from '../helpers/webhook-bodies.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const WHATSAPP_NUMBER_ID = '106540352242922';
const WHATSAPP_CUSTOMER = '16505551234';

t.test("a reply goes out through each platform's send API and follows its status webhooks", async (t) => {
  const stack = await startReplyStack(t);
  const { fake } = stack;
  const lastRequest = () => fake.requests.at(-1)!;

  t.test(
    'WhatsApp: a text reply quoting the customer goes to the Cloud API, takes its wamid, then shows delivered and read',
    async (t) => {
      await stack.deliver('whatsapp', whatsAppTextBody('wamid.REPLY-IN-1', nowSeconds(), 'Do you ship to Lisbon?'), [
        'wamid.REPLY-IN-1',
      ]);
      const inbound = await stack.inbound('wamid.REPLY-IN-1');
      const response = await stack.reply(inbound.conversationId, {
        text: 'Yes, in two days.',
        replyTo: inbound.messageId,
      });
      t.equal(response.statusCode, 202);
      const accepted = response.json().message;
      t.match(accepted, {
        direction: 'outbound',
        text: 'Yes, in two days.',
        deliveryStatus: 'queued',
        externalId: /^omni:/,
      });

      const sent = await stack.settled(accepted.id);
      const request = lastRequest();
      t.equal(request.path, `/${GRAPH_VERSION}/${WHATSAPP_NUMBER_ID}/messages`);
      t.equal(request.headers.authorization, `Bearer ${SEND_TOKENS.WHATSAPP_ACCESS_TOKEN}`);
      t.match(request.headers['content-type'], /^application\/json/);
      t.same(request.body, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: WHATSAPP_CUSTOMER,
        context: { message_id: 'wamid.REPLY-IN-1' },
        type: 'text',
        text: { body: 'Yes, in two days.', preview_url: false },
      });
      const wamid = request.answer.messages[0].id;
      t.equal(sent.external_id, wamid, "the platform's id is stored");
      t.equal(sent.delivery_status, 'sent');

      const at = nowSeconds();
      await stack.deliver('whatsapp', whatsAppStatusBody({ id: wamid, status: 'delivered', timestamp: at }), [
        `${wamid}:status:delivered`,
      ]);
      t.equal(await stack.shownStatus(inbound.conversationId, accepted.id), 'delivered');
      await stack.deliver('whatsapp', whatsAppStatusBody({ id: wamid, status: 'read', timestamp: at + 1 }), [
        `${wamid}:status:read`,
      ]);
      t.equal(await stack.shownStatus(inbound.conversationId, accepted.id), 'read');
    },
  );

  t.test('WhatsApp: media goes by link with its caption, and a template by name and language', async (t) => {
    const { conversationId } = await stack.inbound('wamid.REPLY-IN-1');
    const image = await stack.reply(conversationId, {
      media: { type: 'image', url: 'https://cdn.example.com/catalogue/blue.jpg', caption: 'The blue one' },
    });
    await stack.settled(image.json().message.id);
    t.same(lastRequest().body, {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: WHATSAPP_CUSTOMER,
      type: 'image',
      image: { link: 'https://cdn.example.com/catalogue/blue.jpg', caption: 'The blue one' },
    });
    await giveDefaultChannelWaba(stack.sql, stack.channels, 'WABA-DEFAULT');
    const bodyText = { type: 'BODY', text: 'Hello {{1}}, your order is ready.' };
    await storeTemplate(stack.sql, {
      wabaId: 'WABA-DEFAULT',
      name: 'order_update',
      language: 'en_US',
      components: [bodyText],
    });
    const components = [{ type: 'body', parameters: [{ type: 'text', text: 'Sheena' }] }];
    const template = await stack.reply(conversationId, {
      template: { name: 'order_update', language: 'en_US', components },
    });
    t.equal(template.statusCode, 202);
    await stack.settled(template.json().message.id);
    t.same(lastRequest().body, {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: WHATSAPP_CUSTOMER,
      type: 'template',
      template: { name: 'order_update', language: { code: 'en_US' }, components },
    });
  });

  t.test(
    'Messenger: a RESPONSE goes to the Send API with the Page token and shows delivered, then read from the watermark',
    async (t) => {
      const nowMs = Date.now();
      await stack.deliver('messenger', messengerTextBody('m_REPLY-IN-2', nowMs, 'Is the shop open on Sunday?'), [
        'm_REPLY-IN-2',
      ]);
      const inbound = await stack.inbound('m_REPLY-IN-2');
      const response = await stack.reply(inbound.conversationId, { text: 'From 10 to 4.', replyTo: inbound.messageId });
      const sent = await stack.settled(response.json().message.id);
      const request = lastRequest();
      t.equal(request.path, `/${GRAPH_VERSION}/me/messages`);
      t.equal(request.headers.authorization, `Bearer ${SEND_TOKENS.MESSENGER_PAGE_ACCESS_TOKEN}`);
      t.same(request.body, {
        recipient: { id: MESSENGER_CUSTOMER },
        messaging_type: 'RESPONSE',
        reply_to: { mid: 'm_REPLY-IN-2' },
        message: { text: 'From 10 to 4.' },
      });
      t.equal(sent.external_id, request.answer.message_id);
      await stack.deliver('messenger', messengerDeliveryBody([sent.external_id], Date.now()), [
        `${sent.external_id}:status:delivered`,
      ]);
      t.equal(await stack.shownStatus(inbound.conversationId, Number(sent.id)), 'delivered');
      const watermark = Date.now() + 1000;
      await stack.deliver('messenger', messengerReadBody(watermark), [`read:${MESSENGER_CUSTOMER}:${watermark}`]);
      t.equal(
        await stack.shownStatus(inbound.conversationId, Number(sent.id)),
        'read',
        'Messenger reads by watermark, not by mid',
      );
    },
  );

  t.test('Instagram: an image goes as an attachment with the Instagram token and shows read when seen', async (t) => {
    await stack.deliver('instagram', instagramTextBody('aWdfREPLY-IN-3', Date.now(), 'Photo of the back?'), [
      'aWdfREPLY-IN-3',
    ]);
    const inbound = await stack.inbound('aWdfREPLY-IN-3');
    const response = await stack.reply(inbound.conversationId, {
      media: { type: 'image', url: 'https://cdn.example.com/back.jpg' },
    });
    const sent = await stack.settled(response.json().message.id);
    const request = lastRequest();
    t.equal(request.path, `/${GRAPH_VERSION}/me/messages`);
    t.equal(request.headers.authorization, `Bearer ${SEND_TOKENS.INSTAGRAM_ACCESS_TOKEN}`);
    t.same(request.body, {
      recipient: { id: INSTAGRAM_CUSTOMER },
      messaging_type: 'RESPONSE',
      message: {
        attachment: { type: 'image', payload: { url: 'https://cdn.example.com/back.jpg', is_reusable: true } },
      },
    });
    t.equal(sent.external_id, request.answer.message_id);
    await stack.deliver('instagram', instagramReadBody(sent.external_id, Date.now()), [
      `${sent.external_id}:status:read`,
    ]);
    t.equal(await stack.shownStatus(inbound.conversationId, Number(sent.id)), 'read');
  });

  t.test(
    "Telegram: sendMessage with the token in the path answers the customer's message and stores chat:message_id",
    async (t) => {
      await stack.deliver('telegram', telegramTextBody(41, nowSeconds(), 'Hallo, habt ihr offen?'), ['927266710:41']);
      const inbound = await stack.inbound('927266710:41');
      const response = await stack.reply(inbound.conversationId, {
        text: 'Ja, bis 18 Uhr.',
        replyTo: inbound.messageId,
      });
      const sent = await stack.settled(response.json().message.id);
      const request = lastRequest();
      t.equal(request.path, `/bot${SEND_TOKENS.TELEGRAM_BOT_TOKEN}/sendMessage`);
      t.equal(request.headers.authorization, undefined, 'no bearer header: the token is the path');
      t.same(request.body, {
        chat_id: '927266710',
        text: 'Ja, bis 18 Uhr.',
        reply_parameters: { message_id: 41, allow_sending_without_reply: true },
      });
      t.equal(sent.external_id, `927266710:${request.answer.result.message_id}`);
      t.equal(sent.delivery_status, 'sent');
    },
  );

  t.test("a status that arrives before the send's answer is applied when the id is stored", async (t) => {
    const { conversationId } = await stack.inbound('wamid.REPLY-IN-1');
    // The fake's next wamid is predictable: the status for it is filed first, matching nothing yet.
    const next = `wamid.HBgLMTY1MDM4NzQzMDAVAgARGBJGQUtFMDAwMDAwMDAwMDAw${fake.requests.length + 1}`;
    await stack.deliver('whatsapp', whatsAppStatusBody({ id: next, status: 'delivered', timestamp: nowSeconds() }), [
      `${next}:status:delivered`,
    ]);
    const response = await stack.reply(conversationId, { text: 'One more thing.' });
    const sent = await stack.settled(response.json().message.id);
    t.equal(sent.external_id, next);
    await waitFor('delivered', async () => (await stack.shownStatus(conversationId, Number(sent.id))) === 'delivered');
    t.pass('the early status moved it to delivered');
  });
});
