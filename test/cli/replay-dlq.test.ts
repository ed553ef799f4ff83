import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import t from 'tap';
import { progressBar } from '../../src/cli/commands/replay-dlq.js';
import { MessageBus } from '../../src/processor/bus.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { readLedger } from '../helpers/ledger.js';
import { createTestQueue, waitUntilDrained } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker } from '../helpers/worker.js';

const run = promisify(execFile);
const OMNI = fileURLToPath(new URL('../../bin/omni.js', import.meta.url));

t.test(
  'omni replay-dlq counts with --dry-run, moves messages back with a progress bar, and a replayed processed item changes nothing',
  async (t) => {
    const { sql, url } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app, outbox } = await createTestApp(t, { sql, queue });
    t.equal((await postWebhook(app, 'whatsapp', whatsAppTextBody('wamid.REPLAY', 1750007000))).statusCode, 200);
    await outbox.drain();
    const bus = new MessageBus();
    let events = 0;
    bus.on('message.received', () => events++);
    startTestWorker(t, sql, queue, { bus });
    await waitFor('processed', async () => (await readLedger(sql, ['wamid.REPLAY'])).processed === 1);

    // The same item reaches the DLQ anyway (say, a receive that timed out after the commit).
    const [row] = await sql`select q.id, q.message_id from queue_logs q`;
    const body = JSON.stringify({
      queueLogId: Number(row.id),
      messageId: Number(row.message_id),
      platform: 'whatsapp',
    });
    await queue.sqs.send(new SendMessageCommand({ QueueUrl: queue.deadLetterQueueUrl, MessageBody: body }));
    const env = {
      ...process.env,
      DATABASE_URL: url,
      MESSAGE_QUEUE_URL: queue.queueUrl,
      DEAD_LETTER_QUEUE_URL: queue.deadLetterQueueUrl,
      AWS_ENDPOINT_URL_SQS: queue.endpoint,
    };
    t.match(
      (await run(process.execPath, [OMNI, 'replay-dlq', '--dry-run'], { env })).stdout,
      /^1 message\(s\) in the DLQ/,
    );
    const replay = await run(process.execPath, [OMNI, 'replay-dlq', '--limit', '5'], { env });
    t.match(replay.stdout, /replayed 1 message\(s\) from the DLQ/);
    t.match(replay.stderr, /\[#{20}\] 1\/1/);
    t.match((await run(process.execPath, [OMNI, 'replay-dlq', '--dry-run'], { env })).stdout, /^0 message\(s\)/);

    // The worker has taken the replayed message off the main queue: whatever it did with it is done.
    await waitUntilDrained(queue);
    t.equal(events, 1, 'the replayed item was not processed a second time');
    t.match(await readLedger(sql, ['wamid.REPLAY']), { stored: 1, doubled: 0, processed: 1 });
  },
);

t.test('the progress bar fills in proportion and grows past a low estimate', async (t) => {
  t.equal(progressBar(0, 4, 8), '[--------] 0/4');
  t.equal(progressBar(2, 4, 8), '[####----] 2/4');
  t.equal(progressBar(0, 0, 4), '[####] 0/0');
});
