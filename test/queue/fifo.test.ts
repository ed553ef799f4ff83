import t from 'tap';
import { MessageBus, type MessageReceivedEvent } from '../../src/processor/bus.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { telegramTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker } from '../helpers/worker.js';

t.test("on a FIFO queue, a conversation's messages are processed in the order they were stored", async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t, { name: `omni-order-${process.pid}.fifo` });
  t.match(queue.queueUrl, /\.fifo$/);
  t.match(queue.deadLetterQueueUrl, /-dlq\.fifo$/);
  const { app, outbox } = await createTestApp(t, { sql, queue });
  for (let i = 1; i <= 25; i++)
    t.equal((await postWebhook(app, 'telegram', telegramTextBody(i, 1750006000 + i, `m${i}`))).statusCode, 200);
  await outbox.drain();

  const bus = new MessageBus();
  const order: string[] = [];
  bus.on('message.received', (e: MessageReceivedEvent) => order.push(e.text ?? ''));
  startTestWorker(t, sql, queue, { bus });
  await waitFor('25 processed', async () => order.length === 25, 30_000);
  t.same(
    order,
    Array.from({ length: 25 }, (_, i) => `m${i + 1}`),
    'one group, one order',
  );

  // The relay re-sending a row SQS already has is absorbed by the FIFO deduplication id.
  const [row] = await sql`select q.id, q.message_id from queue_logs q order by q.id limit 1`;
  await outbox.send([
    {
      queueLogId: Number(row.id),
      messageId: Number(row.message_id),
      platform: 'telegram',
      conversationKey: '927266710',
      externalId: 'x',
    },
  ]);
  await new Promise((r) => setTimeout(r, 1500));
  t.equal(order.length, 25, 'nothing processed twice');
});
