import t from 'tap';
import { loadFixture } from '../helpers/fixtures.js';
import { startReplyStack } from '../helpers/replies.js';

t.test('a reply to a person known only by a BSUID names them with `recipient`, never `to`', async (t) => {
  const stack = await startReplyStack(t);
  const body = structuredClone(loadFixture('whatsapp', 'whatsapp-bsuid-only-username').body) as any;
  const message = body.entry[0].changes[0].value.messages[0];
  // Inside the customer service window, so a free-form reply is allowed.
  message.timestamp = String(Math.floor(Date.now() / 1000));
  await stack.deliver('whatsapp', body, [message.id]);
  const inbound = await stack.inbound(message.id);

  const response = await stack.reply(inbound.conversationId, { text: 'Hola Pablo' });
  t.equal(response.statusCode, 202);
  const sent = await stack.settled(response.json().message.id);
  t.equal(sent.delivery_status, 'sent');
  const request = stack.fake.requests.at(-1)!;
  t.same(request.body, {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    recipient: 'MX.1502576394655843',
    type: 'text',
    text: { body: 'Hola Pablo', preview_url: false },
  });
});
