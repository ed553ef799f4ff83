import t from 'tap';
import type { PlatformName } from '../../src/platforms/types.js';
import { listConversationMessages } from '../../src/store/conversation-messages.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { telegramExternalId, telegramTextBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;

t.test('conversation order', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  startTestWorker(t, sql, queue);

  /** Posts through the real webhook and waits for the worker, so items are processed in posting order. */
  async function deliver(platform: PlatformName, body: unknown, itemKey: string) {
    t.equal((await postWebhook(app, platform, body)).statusCode, 200);
    await waitUntilProcessed(sql, [itemKey]);
  }
  async function conversationOf(externalId: string) {
    const [row] = await sql<{ id: string; last_message_at: Date; last_external_id: string }[]>`
      select c.id, c.last_message_at, l.external_id as last_external_id
      from messages m join conversations c on c.id = m.conversation_id left join messages l on l.id = c.last_message_id
      where m.kind = 'message' and m.external_id = ${externalId}`;
    return { ...row, id: Number(row.id) };
  }

  t.test('Telegram messages processed newest first are listed by date, then message_id within a second', async (t) => {
    // 11 and 10 share a second: only their message_id orders them. Posted newest first.
    await deliver('telegram', telegramTextBody(12, T + 5, 'third'), telegramExternalId(12));
    await deliver('telegram', telegramTextBody(11, T, 'second'), telegramExternalId(11));
    await deliver('telegram', telegramTextBody(10, T, 'first'), telegramExternalId(10));
    const conversation = await conversationOf(telegramExternalId(10));
    const listed = await listConversationMessages(sql, conversation.id);
    t.same(
      listed.map((m) => m.text),
      ['first', 'second', 'third'],
    );
    t.equal(
      conversation.last_external_id,
      telegramExternalId(12),
      'the last message is the latest, not the last processed',
    );
    t.same(conversation.last_message_at, new Date((T + 5) * 1000), 'last_message_at never moves back');
  });

  t.test('pages back through a conversation with before, oldest first within a page', async (t) => {
    const conversation = await conversationOf(telegramExternalId(10));
    const latest = await listConversationMessages(sql, conversation.id, { limit: 2 });
    t.same(
      latest.map((m) => m.externalId),
      [telegramExternalId(11), telegramExternalId(12)],
    );
    const earlier = await listConversationMessages(sql, conversation.id, { limit: 2, before: latest[0].id });
    t.same(
      earlier.map((m) => m.externalId),
      [telegramExternalId(10)],
    );
    t.same(
      await listConversationMessages(sql, conversation.id, { before: earlier[0].id }),
      [],
      'nothing before the first',
    );
  });

  t.test(
    'a WhatsApp message processed after a newer one is listed before it and is not the last message',
    async (t) => {
      await deliver('whatsapp', whatsAppTextBody('wamid.NEWER', T + 60, 'newer'), 'wamid.NEWER');
      await deliver('whatsapp', whatsAppTextBody('wamid.OLDER', T, 'older'), 'wamid.OLDER');
      const conversation = await conversationOf('wamid.OLDER');
      const listed = await listConversationMessages(sql, conversation.id);
      t.same(
        listed.map((m) => m.text),
        ['older', 'newer'],
      );
      t.match(listed[0], { direction: 'inbound', sender: '16505551234', contentKind: 'text', deliveryStatus: null });
      t.equal(conversation.last_external_id, 'wamid.NEWER');
      t.same(conversation.last_message_at, new Date((T + 60) * 1000));
    },
  );
});
