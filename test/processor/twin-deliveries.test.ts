import t from 'tap';
import { NO_JOBS } from '../../src/jobs/jobs.js';
import { MessageBus, type MessageReceivedEvent } from '../../src/processor/bus.js';
import { processQueueBatch } from '../../src/processor/process-queue-batch.js';
import { processQueueItem } from '../../src/processor/process-queue-item.js';
import type { QueueMessageBody } from '../../src/queue/queue-message.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import { createTestQueue } from '../helpers/queue.js';

/**
 * A worker runs several receivers, so when a message's visibility timeout lapses mid-filing, a
 * second copy of it can be handled in the same process at the same time, or land in the same
 * gathered batch. Either way the item is filed once.
 */
t.test('two copies of one queue message handled at once', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  const bus = new MessageBus();
  const events: MessageReceivedEvent[] = [];
  bus.on('message.received', (e) => events.push(e));
  const deps = { sql, bus, jobs: NO_JOBS };

  async function storedItem(fixtureName: string): Promise<QueueMessageBody> {
    const fixture = loadFixture('whatsapp', fixtureName);
    t.equal((await postWebhook(app, 'whatsapp', fixture.body)).statusCode, 200);
    const [row] = await sql<{ id: string; message_id: string }[]>`
      select q.id, q.message_id from queue_logs q join messages m on m.id = q.message_id
      where m.subject_external_id = ${fixture.expect.messages[0].externalId}`;
    return { queueLogId: Number(row!.id), messageId: Number(row!.message_id), platform: 'whatsapp' };
  }

  const announced = async (queueLogId: number) =>
    (
      await sql<
        { n: number }[]
      >`select count(*)::int as n from queue_logs where id = ${queueLogId} and event_seq is not null`
    )[0]!.n;

  t.test('one item processed twice side by side is filed and announced once', async (t) => {
    const body = await storedItem('whatsapp-text-basic');
    const outcomes = await Promise.all([processQueueItem(deps, body, 1), processQueueItem(deps, body, 2)]);
    t.same(outcomes.sort(), ['already-processed', 'processed']);
    t.equal(events.filter((e) => e.messageId === body.messageId).length, 1, 'one bus event');
    t.equal(await announced(body.queueLogId), 1);
  });

  t.test('a gathered batch holding the same item twice files it once and does not fail', async (t) => {
    const body = await storedItem('whatsapp-image-caption');
    await processQueueBatch(deps, [
      { body, attempt: 1 },
      { body, attempt: 2 },
    ]);
    t.equal(events.filter((e) => e.messageId === body.messageId).length, 1, 'one bus event');
    const [row] = await sql`select status from queue_logs where id = ${body.queueLogId}`;
    t.equal(row!.status, 'processed');
  });
});
