import { SendMessageCommand } from '@aws-sdk/client-sqs';
import t from 'tap';
import { recordChannelError } from '../../src/store/channels.js';
import { insertEndpoint } from '../../src/store/endpoints.js';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { addTestChannel, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { runOmni } from '../helpers/omni-cli.js';
import { createTestQueue, type TestQueue } from '../helpers/queue.js';

const deadLetter = (queue: TestQueue) =>
  queue.sqs.send(
    new SendMessageCommand({
      QueueUrl: queue.deadLetterQueueUrl,
      MessageBody: JSON.stringify({ queueLogId: 1, messageId: 1, platform: 'whatsapp' }),
    }),
  );

t.test(
  'GET /api/status lists a dead letter, a channel error and a failing endpoint as needing attention',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app } = await createTestApp(t, { sql, queue, platforms: {} });
    const { authorization } = await bearerHeaders(sql);
    const status = async () =>
      (await app.inject({ method: 'GET', url: '/api/status', headers: { authorization } })).json();

    const { channel } = await addTestChannel(sql, whatsAppChannel('Brazil', '100000000000001'));
    t.match(await status(), {
      queue: { state: 'ok', depth: { waiting: 0, deadLetters: 0 } },
      outbox: { pending: 0, oldestAgeSeconds: null },
      lastFiveMinutes: { processed: 0, failed: 0 },
      channels: [{ id: channel.id, platform: 'whatsapp', name: 'Brazil', lastWebhookAt: null, lastError: null }],
      failingEndpoints: [],
      media: { failedLastHour: 0, latest: [] },
      attention: [],
    });

    await deadLetter(queue);
    await recordChannelError(sql, channel.id, 'Graph answered 401: the access token has expired');
    const endpoint = await insertEndpoint(sql, {
      url: 'https://hooks.example.com/omni',
      eventTypes: ['*'],
      secret: 'x',
    });
    await sql`update endpoints set consecutive_failures = 4 where id = ${endpoint.id}`;

    const troubled = await status();
    t.match(troubled, {
      queue: { depth: { deadLetters: 1 } },
      channels: [{ lastError: /access token has expired/, lastErrorAgeSeconds: Number }],
      failingEndpoints: [{ id: endpoint.id, consecutiveFailures: 4, enabled: true }],
    });
    t.match(troubled.attention, [
      /^1 message\(s\) in the DLQ/,
      /^channel whatsapp\/Brazil: error 0 min ago: Graph answered 401/,
      /^endpoint \d+ \(https:\/\/hooks\.example\.com\/omni\): 4 failed deliveries in a row/,
    ]);
  },
);

/** A command's exit code and stdout, whether it failed or not. */
const outcome = (command: ReturnType<typeof runOmni>) =>
  command.then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

t.test('omni status exits 0 when all is well, and 1 naming the DLQ once a message is dead', async (t) => {
  const { url } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const env = {
    ...process.env,
    DATABASE_URL: url,
    MESSAGE_QUEUE_URL: queue.queueUrl,
    DEAD_LETTER_QUEUE_URL: queue.deadLetterQueueUrl,
    AWS_ENDPOINT_URL_SQS: queue.endpoint,
  };
  const healthy = await outcome(runOmni(['status'], env));
  t.equal(healthy.code, 0);
  t.match(healthy.stdout, /queue +0 waiting, 0 in flight, 0 delayed; DLQ 0/);
  t.match(healthy.stdout, /all well/);

  await deadLetter(queue);
  const failed = await outcome(runOmni(['status'], env));
  t.equal(failed.code, 1);
  t.match(failed.stdout, /DLQ 1/);
  t.match(failed.stdout, /NEEDS ATTENTION\n {2}- 1 message\(s\) in the DLQ/);

  const json = await outcome(runOmni(['status', '--json'], env));
  t.equal(json.code, 1);
  t.match(JSON.parse(json.stdout), { queue: { state: 'ok', depth: { deadLetters: 1 } }, attention: [/DLQ/] });
});
