import t from 'tap';
import { startReplyStack } from '../helpers/replies.js';
import { telegramTextBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';

const NOTE = 'PRIVATE: the customer owes us 40 euros, do not mention it';

// A note is stored apart from messages, so nothing that sends can see it; this runs the whole send
// path (outbox, SQS, worker, platform send) and shows the note reached no platform. To show that
// something did not happen, it waits for what comes after it: a reply written after the note, sent.
t.test('a private note never reaches a platform, while a reply written after it goes out', async (t) => {
  const stack = await startReplyStack(t);
  const now = Math.floor(Date.now() / 1000);
  await stack.deliver('whatsapp', whatsAppTextBody('wamid.NOTE-IN-1', now, 'Hello?'), ['wamid.NOTE-IN-1']);
  await stack.deliver('telegram', telegramTextBody(7, now, 'Hi'), ['927266710:7']);

  for (const externalId of ['wamid.NOTE-IN-1', '927266710:7']) {
    const { conversationId } = await stack.inbound(externalId);
    const noted = await stack.app.inject({
      method: 'POST',
      url: `/api/conversations/${conversationId}/notes`,
      headers: { authorization: stack.authorization },
      payload: { text: NOTE },
    });
    t.equal(noted.statusCode, 201, `${externalId}: the note is stored`);
    const reply = await stack.reply(conversationId, { text: `Reply after the note (${externalId})` });
    t.equal(reply.statusCode, 202);
    const sent = await stack.settled(reply.json().message.id);
    t.equal(sent.delivery_status, 'sent', `${externalId}: the reply written after the note went out`);
  }

  const sends = stack.fake.requests.filter((r) => r.method === 'POST');
  t.equal(sends.length, 2, 'one send per reply, none for the notes');
  t.notOk(
    sends.some((r) => JSON.stringify(r.body).includes('PRIVATE')),
    'no platform request carries the note',
  );
  // The sends above ran with both notes stored: without them, 'none for the notes' would prove nothing.
  const [stored] = await stack.sql<{ n: number }[]>`
    select count(*)::int as n from conversation_notes where text = ${NOTE}`;
  t.equal(stored!.n, 2, 'both notes were stored beside the replies that went out');
});
