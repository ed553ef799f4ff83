import t from 'tap';
import { loadFixture } from '../helpers/fixtures.js';
import { SEND_TOKENS, startReplyStack } from '../helpers/replies.js';

const CONNECTION = 'BsAkXhOqyEtEAQAAhZyOxFaJ3Ag';
const CUSTOMER_CHAT = '5312466907';
const MESSAGE = `business:${CONNECTION}:${CUSTOMER_CHAT}:311`;

t.test('a reply in a conversation a business message started goes out on behalf of the business', async (t) => {
  const stack = await startReplyStack(t);
  await stack.deliver('telegram', loadFixture('telegram', 'telegram-business-message').body, [MESSAGE]);
  const inbound = await stack.inbound(MESSAGE);

  const response = await stack.reply(inbound.conversationId, { text: 'Ja, noch da.', replyTo: inbound.messageId });
  t.equal(response.statusCode, 202);
  const sent = await stack.settled(response.json().message.id);
  const request = stack.fake.requests.at(-1)!;
  t.equal(request.path, `/bot${SEND_TOKENS.TELEGRAM_BOT_TOKEN}/sendMessage`);
  t.same(request.body, {
    business_connection_id: CONNECTION,
    chat_id: CUSTOMER_CHAT,
    text: 'Ja, noch da.',
    reply_parameters: { message_id: 311, allow_sending_without_reply: true },
  });
  t.equal(
    sent.external_id,
    `business:${CONNECTION}:${CUSTOMER_CHAT}:${request.answer.result.message_id}`,
    'the sent message is keyed in the business chat, as its later edits and deletions will name it',
  );

  t.test('its deletion in the business chat files a delete event on the same conversation', async (t) => {
    const deleted = loadFixture('telegram', 'telegram-deleted-business-messages').body;
    await stack.deliver('telegram', deleted, ['update:421770004:311', 'update:421770004:312']);
    const events = await stack.sql<{ subject_external_id: string; type: string; conversation_id: string }[]>`
      select subject_external_id, type, conversation_id from messages
      where kind = 'event' and external_id like 'update:421770004:%' order by external_id`;
    t.same(
      events.map((e) => [e.type, e.subject_external_id, Number(e.conversation_id)]),
      [
        ['delete', MESSAGE, inbound.conversationId],
        ['delete', `business:${CONNECTION}:${CUSTOMER_CHAT}:312`, inbound.conversationId],
      ],
    );
  });
});
