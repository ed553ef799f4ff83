import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import t from 'tap';
import { MessageBus, type MessageReceivedEvent } from '../../src/processor/bus.js';
import { decodeQueueMessage } from '../../src/queue/queue-message.js';
import { relayPendingOnce } from '../../src/queue/relay.js';
import { insertJobs } from '../../src/store/jobs.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue, type TestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { telegramExternalId, telegramTextBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker } from '../helpers/worker.js';

const T = 1750006000;
const TELEGRAM_GROUP = 'telegram:927266710';
const WHATSAPP_GROUP = 'whatsapp:16505551234';

/** One message as a consumer of the FIFO queue read it. */
interface Read {
  queueLogId: number;
  group: string | undefined;
  deduplicationId: string | undefined;
  receiptHandle: string;
}

/**
 * Reads the queue as a consumer would, until `done` holds for everything read. Each message is
 * deleted once read (its group's next one can then come), unless `hold` keeps it in flight.
 */
function readQueue(queue: TestQueue, what: string, done: (read: Read[]) => boolean, hold = false): Promise<Read[]> {
  const read: Read[] = [];
  return waitFor(what, async () => {
    const { Messages = [] } = await queue.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        // Held messages must stay in flight for the whole wait.
        VisibilityTimeout: 60,
        MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
      }),
    );
    for (const message of Messages) {
      read.push({
        queueLogId: decodeQueueMessage(message.Body)!.queueLogId,
        group: message.Attributes?.MessageGroupId,
        deduplicationId: message.Attributes?.MessageDeduplicationId,
        receiptHandle: message.ReceiptHandle!,
      });
      if (!hold)
        await queue.sqs.send(
          new DeleteMessageCommand({ QueueUrl: queue.queueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
    }
    return done(read) && read;
  });
}

t.test("Omni's sends to a FIFO queue", async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t, { name: `omni-sends-${process.pid}.fifo` });
  const { app, outbox } = await createTestApp(t, { sql, queue });
  /** Posts a webhook as the platform would; its rows go to SQS in the background, as they do in production. */
  async function post(platform: 'telegram' | 'whatsapp', body: unknown): Promise<void> {
    t.equal((await postWebhook(app, platform, body)).statusCode, 200);
  }
  /** Posts a Telegram text and waits until it is on the queue; answers its queue row's id. */
  async function queuedText(messageId: number, text: string): Promise<number> {
    await post('telegram', telegramTextBody(messageId, T + messageId, text));
    await outbox.drain();
    const [row] = await sql<{ id: number }[]>`
      select q.id::int from queue_logs q join messages m on m.id = q.message_id
      where m.external_id = ${telegramExternalId(messageId)} and q.job is null`;
    return row?.id ?? 0;
  }

  t.test(
    "each message goes in its conversation's group with its queue row as deduplication id, and a group arrives in the order stored",
    async (t) => {
      for (let i = 1; i <= 24; i++) {
        await post('telegram', telegramTextBody(i, T + i, `t${i}`));
        if (i % 3 === 0) await post('whatsapp', whatsAppTextBody(`wamid.FIFO-${i}`, T + i));
      }
      await outbox.drain();
      const rows = await sql<{ id: number; platform: string }[]>`
        select q.id::int, m.platform from queue_logs q join messages m on m.id = q.message_id order by q.id`;
      const read = await readQueue(queue, 'all 32 sent', (read) => read.length >= rows.length);
      t.equal(read.length, 32);
      for (const message of read) t.equal(message.deduplicationId, String(message.queueLogId), 'dedup id: the row');
      for (const [group, platform] of [
        [TELEGRAM_GROUP, 'telegram'],
        [WHATSAPP_GROUP, 'whatsapp'],
      ]) {
        t.same(
          read.filter((m) => m.group === group).map((m) => m.queueLogId),
          rows.filter((row) => row.platform === platform).map((row) => row.id),
          `${group}: every row once, in the order stored`,
        );
      }
    },
  );

  t.test('a re-send of a row SQS already has, within the deduplication window, is not delivered again', async (t) => {
    const first = await queuedText(40, 'sent once');
    // The send reached SQS but its row stayed pending (the process died before marking it queued),
    // so the relay sends it again.
    await sql`update queue_logs set status = 'pending' where id = ${first}`;
    t.equal(await relayPendingOnce(sql, outbox, 0), 1, 'the relay re-sent it');
    // Same conversation, sent after the re-send: it can only be read after anything the re-send queued.
    const sentinel = await queuedText(41, 'sentinel');
    const read = await readQueue(queue, 'the sentinel', (read) => read.some((m) => m.queueLogId === sentinel));
    t.same(
      read.map((m) => m.queueLogId),
      [first, sentinel],
      'the first message once, then the sentinel',
    );
  });

  t.test("a job has a group of its own, so it never holds back its conversation's messages", async (t) => {
    await queuedText(50, 'to answer');
    await readQueue(queue, 'the inbound message', (read) => read.length === 1);
    const [answered] = await sql<
      { id: number }[]
    >`select id::int from messages where external_id = ${telegramExternalId(50)}`;
    const [job] = await insertJobs(sql, [{ kind: 'send_message', messageId: answered!.id, payload: {} }]);
    await outbox.send([job!]);
    const next = await queuedText(51, 'while the reply waits');
    // The job stays in flight (a reply waiting out a rate limit); the conversation's next message still comes.
    const read = await readQueue(queue, 'the job and the next message', (read) => read.length === 2, true);
    t.same(
      read.map((m) => [m.queueLogId, m.group]).sort(([a], [b]) => Number(a) - Number(b)),
      [
        [job!.queueLogId, `send_message:${TELEGRAM_GROUP}`],
        [next, TELEGRAM_GROUP],
      ],
    );
    for (const { receiptHandle } of read)
      await queue.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.queueUrl, ReceiptHandle: receiptHandle }));
  });
});

t.test("the worker processes a FIFO conversation's messages in the order they were stored", async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t, { name: `omni-order-${process.pid}.fifo` });
  t.match(queue.queueUrl, /\.fifo$/);
  t.match(queue.deadLetterQueueUrl, /-dlq\.fifo$/);
  const { app, outbox } = await createTestApp(t, { sql, queue });
  for (let i = 1; i <= 25; i++)
    t.equal((await postWebhook(app, 'telegram', telegramTextBody(i, T + i, `m${i}`))).statusCode, 200);
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
});
