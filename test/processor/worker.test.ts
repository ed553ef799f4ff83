import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import t from 'tap';
import { MessageBus, type MessageReceivedEvent } from '../../src/processor/bus.js';
import { replayDeadLetters } from '../../src/queue/dlq-replay.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import { createTestQueue, type TestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { startTestWorker } from '../helpers/worker.js';

const MAX_RECEIVES = 2;

t.test('worker', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t, { maxReceiveCount: MAX_RECEIVES, visibilityTimeoutSeconds: 2 });
  const { app, outbox } = await createTestApp(t, { sql, queue });
  const bus = new MessageBus();
  const events: MessageReceivedEvent[] = [];
  bus.on('message.received', (e) => events.push(e));
  const worker = startTestWorker(t, sql, queue, { bus, maxReceiveCount: MAX_RECEIVES });

  t.test('processes a stored message once: contact, conversation and a processed queue row', async (t) => {
    const fixture = loadFixture('whatsapp', 'whatsapp-text-basic');
    t.equal((await postWebhook(app, 'whatsapp', fixture.body)).statusCode, 200);
    const [row] = await waitFor('processed', async () => {
      const rows =
        await sql`select q.status, q.attempts, m.conversation_id from queue_logs q join messages m on m.id = q.message_id
                             where m.subject_external_id = ${fixture.expect.messages[0].externalId} and q.status = 'processed'`;
      return rows.length ? rows : undefined;
    });
    t.equal(row.attempts, 1);
    t.ok(row.conversation_id, 'filed under a conversation');
    const [conversation] =
      await sql`select c.*, k.external_id as contact, k.display_name from conversations c join contacts k on k.id = c.contact_id where c.id = ${row.conversation_id}`;
    t.equal(conversation.contact, '16505551234');
    t.equal(conversation.display_name, 'Sheena Nelson', 'the contact keeps the profile name WhatsApp sent');
    t.equal(events.filter((e) => e.text === 'Does it come in another color?').length, 1, 'one event on the bus');
  });

  t.test('changes nothing when SQS delivers a processed item again', async (t) => {
    const [queued] = await sql`select q.id, q.message_id from queue_logs q where q.status = 'processed' limit 1`;
    const eventsBefore = events.length;
    const conversationsBefore = (await sql`select count(*)::int as n from conversations`)[0].n;
    await outbox.send([
      {
        queueLogId: Number(queued.id),
        messageId: Number(queued.message_id),
        platform: 'whatsapp',
        conversationKey: null,
        externalId: 'x',
      },
    ]);
    await waitFor('queue drained', async () => {
      const [row] = await sql`select status from queue_logs where id = ${queued.id}`;
      return row.status === 'processed' && (await queueIsEmpty(queue));
    });
    t.equal(events.length, eventsBefore, 'no second event');
    t.equal((await sql`select count(*)::int as n from conversations`)[0].n, conversationsBefore);
  });

  t.test('sends a message that keeps failing to the DLQ, marks it dead, and replay brings it back', async (t) => {
    // A real database refusal: this conversation key cannot be filed until the trigger is dropped.
    await sql.unsafe(`
      create function refuse_poison() returns trigger language plpgsql as $$
      begin if new.conversation_key = 'POISON' then raise exception 'poison conversation'; end if; return new; end $$;
      create trigger refuse_poison before insert on conversations for each row execute function refuse_poison();`);
    const body = structuredClone(loadFixture('whatsapp', 'whatsapp-text-basic').body) as any;
    const message = body.entry[0].changes[0].value.messages[0];
    message.id = 'wamid.POISON';
    message.from = 'POISON';
    body.entry[0].changes[0].value.contacts[0].wa_id = 'POISON';
    t.equal((await postWebhook(app, 'whatsapp', body)).statusCode, 200);
    const [dead] = await waitFor(
      'dead',
      async () => {
        const rows =
          await sql`select q.* from queue_logs q join messages m on m.id = q.message_id where m.external_id = 'wamid.POISON' and q.status = 'dead'`;
        return rows.length ? rows : undefined;
      },
      30000,
    );
    t.equal(dead.attempts, MAX_RECEIVES);
    t.match(dead.last_error, /poison conversation/);
    await waitFor(
      'in the DLQ',
      async () => {
        const got = await queue.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queue.deadLetterQueueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 1 }),
        );
        return (got.Messages ?? []).length > 0;
      },
      30000,
    );

    await sql.unsafe('drop trigger refuse_poison on conversations');
    const moved = await replayDeadLetters({
      sqs: queue.sqs,
      sql,
      queueUrl: queue.queueUrl,
      deadLetterQueueUrl: queue.deadLetterQueueUrl,
    });
    t.equal(moved, 1);
    const [done] = await waitFor('processed after replay', async () => {
      const rows = await sql`select q.status from queue_logs q where q.id = ${dead.id} and q.status = 'processed'`;
      return rows.length ? rows : undefined;
    });
    t.equal(done.status, 'processed');
  });

  t.test('sends a message that is not an Omni queue message to the DLQ', async (t) => {
    await queue.sqs.send(new SendMessageCommand({ QueueUrl: queue.queueUrl, MessageBody: 'not json' }));
    await waitFor(
      'garbage in the DLQ',
      async () => {
        const got = await queue.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queue.deadLetterQueueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 1 }),
        );
        return (got.Messages ?? []).some((m) => m.Body === 'not json');
      },
      30000,
    );
    t.ok(worker.running, 'the worker keeps running');
  });
});

/** Counted, not received: receiving would raise the receive count and could push a message to the DLQ. */
async function queueIsEmpty(queue: TestQueue): Promise<boolean> {
  const got = await queue.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queue.queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    got.Attributes?.ApproximateNumberOfMessages === '0' && got.Attributes?.ApproximateNumberOfMessagesNotVisible === '0'
  );
}
