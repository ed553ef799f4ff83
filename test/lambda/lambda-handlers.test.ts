// The Lambda handlers from src/ (the bundle tests run the same code as packaged): wiring and errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import t from 'tap';
import { DEFAULT_WEBHOOK_BODY_LIMIT } from '../../src/config/variables.js';
import { closeRuntime, once, openLambdaRuntime, type LambdaRuntime } from '../../src/lambda/lambda-runtime.js';
import { createMigrateHandler, packagedMigrationsDir } from '../../src/lambda/migrate-handler.js';
import { createProcessorHandler } from '../../src/lambda/processor-handler.js';
import { createPruneHandler } from '../../src/lambda/prune-handler.js';
import { createRelayHandler } from '../../src/lambda/relay-handler.js';
import { createWebhookHandler } from '../../src/lambda/webhook-handler.js';
import { MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { TEST_SECRETS } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import { httpApiEvent, sqsEvent } from '../helpers/lambda-events.js';
import { signMetaPayload } from '../../src/platforms/meta/signature.js';
import { createTestQueue } from '../helpers/queue.js';
import { whatsAppBatchBytes } from '../helpers/webhook-bodies.js';

/** Lambda's limit on a synchronous invocation's request (the whole event), in bytes. */
const LAMBDA_REQUEST_LIMIT = 6 * 1024 * 1024;

t.test('once: one opening for every caller, and a failed one is tried again', async (t) => {
  let calls = 0;
  const flaky = once(async () => {
    calls++;
    if (calls === 1) throw new Error('cold start failed');
    return calls;
  });
  await t.rejects(flaky(), /cold start failed/);
  t.same(await Promise.all([flaky(), flaky()]), [2, 2]);
  t.equal(calls, 2);
  await closeRuntime(async () => Promise.reject(new Error('never opened'))); // nothing to close
});

t.test('a Lambda refuses to start without a database or a queue', async (t) => {
  await t.rejects(
    openLambdaRuntime('test', { env: { MESSAGE_QUEUE_URL: 'q', DEAD_LETTER_QUEUE_URL: 'd' } }),
    /DATABASE_URL or AURORA_SECRET_ARN is required/,
  );
  await t.rejects(
    openLambdaRuntime('test', { env: { DATABASE_URL: 'postgres://localhost/omni' } }),
    /MESSAGE_QUEUE_URL is required/,
  );
  await t.rejects(createMigrateHandler({ env: {} })(), /DATABASE_URL or AURORA_SECRET_ARN is required to migrate/);
  t.equal(packagedMigrationsDir({ LAMBDA_TASK_ROOT: '/var/task' }), '/var/task/migrations');
});

t.test("a body at the default WEBHOOK_BODY_LIMIT, base64-encoded by API Gateway, fits Lambda's request", async (t) => {
  const body = Buffer.alloc(DEFAULT_WEBHOOK_BODY_LIMIT, '{');
  const event = httpApiEvent({ method: 'POST', path: '/webhook/whatsapp', body, base64: true });
  const size = Buffer.byteLength(JSON.stringify(event));
  t.ok(size < LAMBDA_REQUEST_LIMIT, `${size} bytes < ${LAMBDA_REQUEST_LIMIT}`);
});

t.test('the handlers on a real database and queue', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t, { maxReceiveCount: 2, visibilityTimeoutSeconds: 30 });
  const mediaDir = await mkdtemp(join(tmpdir(), 'omni-lambda-media-'));
  t.teardown(() => rm(mediaDir, { recursive: true, force: true }));
  const env = {
    DATABASE_URL: url,
    MEDIA_DIR: mediaDir,
    MESSAGE_QUEUE_URL: queue.queueUrl,
    DEAD_LETTER_QUEUE_URL: queue.deadLetterQueueUrl,
    AWS_ENDPOINT_URL_SQS: queue.endpoint,
    LOG_LEVEL: 'silent',
    OUTBOX_RELAY_AFTER_MS: '0',
    WORKER_RETRY_BASE_SECONDS: '0',
    WHATSAPP_APP_SECRET: TEST_SECRETS.whatsapp!.appSecret,
    WHATSAPP_VERIFY_TOKEN: TEST_SECRETS.whatsapp!.verifyToken,
  };
  const runtime = await openLambdaRuntime('test', { env });
  t.teardown(() => runtime.close());
  const open = async (): Promise<LambdaRuntime> => runtime;

  const bytes = Buffer.from(JSON.stringify(loadFixture('whatsapp', 'whatsapp-text-basic').body));
  const headers = {
    'content-type': 'application/json',
    'x-hub-signature-256': signMetaPayload(TEST_SECRETS.whatsapp!.appSecret, bytes),
  };
  const webhook = createWebhookHandler(open);
  const answer = await webhook(
    httpApiEvent({ method: 'POST', path: '/webhook/whatsapp', headers, body: bytes, base64: true }),
    {} as Context,
  );
  t.equal(answer.statusCode, 200);

  const got = await queue.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queue.queueUrl,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }),
  );
  const [message] = got.Messages!;
  const records = [
    { messageId: message.MessageId!, receiptHandle: message.ReceiptHandle!, body: message.Body!, receiveCount: 1 },
    { messageId: 'not-ours', receiptHandle: 'stale-handle', body: 'not an Omni queue message', receiveCount: 2 },
  ];
  const processor = createProcessorHandler(open);
  t.same(
    await processor(sqsEvent(records)),
    { batchItemFailures: [{ itemIdentifier: 'not-ours' }] },
    'a stale receipt handle is only logged',
  );
  const [row] = await sql`select status from queue_logs where message_id = (select max(id) from messages)`;
  t.equal(row.status, 'processed');

  await sql`update queue_logs set status = 'pending'`;
  t.same(await createRelayHandler(open)(), { relayed: 1 });
  t.same(await createRelayHandler(open)(), { relayed: 0 });
  await sql`update webhook_logs set received_at = now() - interval '31 days'`;
  const prune = createPruneHandler(open);
  t.match(
    await prune({}, { getRemainingTimeInMillis: () => 300_000 }),
    { outcome: 'pruned', counts: { rawBodies: 1, uploads: 0, mediaFiles: 0 }, complete: true },
    'the hourly prune removes the body past WEBHOOK_LOG_RETENTION_DAYS',
  );
  t.same(await prune(), { outcome: 'skipped', reason: 'recent' }, 'and the next caller within the hour skips');
  t.same(
    await createMigrateHandler({
      env: { DATABASE_URL: url, LAMBDA_TASK_ROOT: `${MIGRATIONS_DIR}/..`, LOG_LEVEL: 'silent' },
    })(),
    { applied: [] },
  );

  const large = whatsAppBatchBytes('wamid.LAMBDA', 3_000_000);
  const largeHeaders = {
    'content-type': 'application/json',
    'x-hub-signature-256': signMetaPayload(TEST_SECRETS.whatsapp!.appSecret, large.raw),
  };
  const largeAnswer = await webhook(
    httpApiEvent({ method: 'POST', path: '/webhook/whatsapp', headers: largeHeaders, body: large.raw, base64: true }),
    {} as Context,
  );
  t.equal(largeAnswer.statusCode, 200, "Meta's largest webhook through API Gateway");
  const [{ n }] = await sql`select count(*)::int as n from messages where external_id = any(${large.ids})`;
  t.equal(n, large.ids.length, 'all its messages stored');

  // The same app serves the API: an admin adds an endpoint, its URL checked by the endpoint policy.
  const { authorization } = await bearerHeaders(sql, 'lambda-admin');
  const addEndpoint = (url: string) =>
    webhook(
      httpApiEvent({
        method: 'POST',
        path: '/api/endpoints',
        headers: { authorization, 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ url, events: ['*'] })),
      }),
      {} as Context,
    );
  const added = await addEndpoint('https://crm.example.com/omni');
  t.equal(added.statusCode, 201, added.body);
  const refused = await addEndpoint('http://127.0.0.1:9/omni');
  t.equal(refused.statusCode, 400, 'a private address is refused by that policy');
});
