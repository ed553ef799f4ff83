// The packaged processor service (deploy/processor, bundled by webpack): the SQS processor invoked
// with a recorded SQS event of several records where one fails, the scheduled relay and prune, and
// the migrate function, against the real PostgreSQL and the SQS (and S3) emulator.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import postgres from 'postgres';
import t from 'tap';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import { loadBundle, setLambdaEnvironment, sqsEvent } from '../helpers/lambda-events.js';
import { unpackService } from '../helpers/lambda-package.js';
import { createTestQueue } from '../helpers/queue.js';

// Packaging with webpack when no other test file has done it yet.
t.setTimeout(300_000);

const MAX_RECEIVES = 3;
const serverUrl = process.env.DATABASE_URL!;
const { sql, url } = await createTestDatabase(t);
const queue = await createTestQueue(t, { maxReceiveCount: MAX_RECEIVES, visibilityTimeoutSeconds: 30 });
const { app, outbox } = await createTestApp(t, { sql, queue });
const taskRoot = await unpackService(t, 'processor');
setLambdaEnvironment(url, queue, taskRoot);
const processor = loadBundle<(event: SQSEvent) => Promise<SQSBatchResponse>>(taskRoot, 'processor.js');
const relay = loadBundle<() => Promise<{ relayed: number }>>(taskRoot, 'relay.js');
const migrate = loadBundle<() => Promise<{ applied: string[] }>>(taskRoot, 'migrate.js');
t.teardown(async () => {
  await processor.close?.();
  await relay.close?.();
});

/** A stored WhatsApp message from `from`; 'POISON' is refused by the trigger below. */
async function storeMessage(id: string, from: string): Promise<void> {
  const body = structuredClone(loadFixture('whatsapp', 'whatsapp-text-basic').body) as any;
  const value = body.entry[0].changes[0].value;
  value.messages[0].id = id;
  value.messages[0].from = from;
  value.contacts[0].wa_id = from;
  t.equal((await postWebhook(app, 'whatsapp', body)).statusCode, 200);
}

/** Receives until `count` messages came back (the emulator hands over at most 10 at a time). */
async function receive(count: number) {
  const messages = [];
  while (messages.length < count) {
    const got = await queue.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    for (const m of got.Messages ?? []) {
      messages.push({
        messageId: m.MessageId!,
        receiptHandle: m.ReceiptHandle!,
        body: m.Body!,
        receiveCount: Number(m.Attributes!.ApproximateReceiveCount),
      });
    }
  }
  return messages;
}

const statusOf = async (externalId: string) =>
  (
    await sql`select q.status, q.attempts, q.last_error from queue_logs q join messages m on m.id = q.message_id where m.external_id = ${externalId}`
  )[0];

t.test('processor: of several records, the failing one alone comes back in batchItemFailures', async (t) => {
  // A real database refusal, as in the worker's test: this conversation cannot be filed.
  await sql.unsafe(`
    create function refuse_poison() returns trigger language plpgsql as $$
    begin if new.conversation_key = 'POISON' then raise exception 'poison conversation'; end if; return new; end $$;
    create trigger refuse_poison before insert on conversations for each row execute function refuse_poison();`);
  for (const n of [1, 2, 3]) await storeMessage(`wamid.OK${n}`, `1650555000${n}`);
  await storeMessage('wamid.POISON', 'POISON');
  await outbox.drain();
  const messages = await receive(4);
  const [poisonRow] =
    await sql`select q.id from queue_logs q join messages m on m.id = q.message_id where m.external_id = 'wamid.POISON'`;
  const poison = messages.find((m) => JSON.parse(m.body).queueLogId === Number(poisonRow.id));
  t.ok(poison, 'the poison message is in the batch');

  const response = await processor.handler(sqsEvent(messages));
  t.same(response, { batchItemFailures: [{ itemIdentifier: poison!.messageId }] });
  for (const n of [1, 2, 3]) t.match(await statusOf(`wamid.OK${n}`), { status: 'processed', attempts: 1 });
  t.match(await statusOf('wamid.POISON'), { status: 'failed', attempts: 1, last_error: /poison conversation/ });
});

t.test("processor: the queue's last receive marks the row dead; the retry delay lets it back at once", async (t) => {
  // WORKER_RETRY_BASE_SECONDS=0: each failed record was made visible again right away.
  let [again] = await receive(1);
  t.equal(again.receiveCount, 2);
  t.same((await processor.handler(sqsEvent([again]))).batchItemFailures, [{ itemIdentifier: again.messageId }]);
  t.match(await statusOf('wamid.POISON'), { status: 'failed', attempts: 2 });
  [again] = await receive(1);
  t.equal(again.receiveCount, MAX_RECEIVES);
  t.same((await processor.handler(sqsEvent([again]))).batchItemFailures, [{ itemIdentifier: again.messageId }]);
  // maxReceiveCount 3 comes from the queue's redrive policy: the config's default would say 5.
  t.match(await statusOf('wamid.POISON'), { status: 'dead', attempts: MAX_RECEIVES });
});

t.test('processor: a body that is not an Omni queue message fails alone', async (t) => {
  const event = sqsEvent([
    { messageId: 'garbage-1', receiptHandle: 'not-a-handle', body: 'not json', receiveCount: 1 },
  ]);
  t.same(await processor.handler(event), { batchItemFailures: [{ itemIdentifier: 'garbage-1' }] });
});

t.test('relay: re-sends a row left pending when the send failed', async (t) => {
  // An outbox pointed at a queue that does not exist: the commit stands, the send fails.
  const { app: broken, outbox: brokenOutbox } = await createTestApp(t, {
    sql,
    queue: { ...queue, queueUrl: `${queue.queueUrl}-missing` },
  });
  const body = structuredClone(loadFixture('whatsapp', 'whatsapp-text-basic').body) as any;
  body.entry[0].changes[0].value.messages[0].id = 'wamid.RELAYED';
  t.equal((await postWebhook(broken, 'whatsapp', body)).statusCode, 200);
  await brokenOutbox.drain();
  t.match(await statusOf('wamid.RELAYED'), { status: 'pending' });
  t.same(await relay.handler(), { relayed: 1 });
  t.match(await statusOf('wamid.RELAYED'), { status: 'queued' });
});

t.test('prune: the hourly round removes bodies past the retention and sweeps the S3 bucket', async (t) => {
  // The emulator serves S3 beside SQS: the media bucket, as MEDIA_S3_BUCKET names it on AWS.
  const bucket = `omni-media-${randomBytes(4).toString('hex')}`;
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: queue.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  t.teardown(() => s3.destroy());
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const fresh = `sha256/${'d'.repeat(64)}`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: fresh, Body: 'a file written a moment ago' }));
  Object.assign(process.env, { MEDIA_S3_BUCKET: bucket, AWS_ENDPOINT_URL_S3: queue.endpoint });
  t.teardown(() => {
    delete process.env.MEDIA_S3_BUCKET;
    delete process.env.AWS_ENDPOINT_URL_S3;
  });
  await sql`update webhook_logs set received_at = now() - interval '31 days'`;
  const [{ bodies }] = await sql`select count(*)::int as bodies from webhook_logs where raw_body is not null`;
  t.ok(bodies > 0);

  const prune = loadBundle<(event: unknown, context: unknown) => Promise<unknown>>(taskRoot, 'prune.js');
  t.teardown(() => prune.close?.());
  t.match(await prune.handler({}, { getRemainingTimeInMillis: () => 300_000 }), {
    outcome: 'pruned',
    counts: { rawBodies: bodies, uploads: 0, mediaFiles: 0 },
    complete: true,
  });
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  t.same(
    listed.Contents?.map((o) => o.Key),
    [fresh],
    'a file younger than a day stays',
  );
  t.same(await prune.handler({}, { getRemainingTimeInMillis: () => 300_000 }), {
    outcome: 'skipped',
    reason: 'recent',
  });
});

t.test('migrate: applies the packaged migrations to an empty database, then finds nothing to do', async (t) => {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `omni_test_${randomBytes(6).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  t.teardown(async () => {
    // node-pg-migrate ends its connection without awaiting it: a forced drop could still cut it.
    for (let i = 0; i < 50; i++) {
      const [{ n }] = await admin`select count(*)::int as n from pg_stat_activity where datname = ${name}`;
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  const empty = new URL(serverUrl);
  empty.pathname = `/${name}`;
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = empty.toString();
  t.teardown(() => {
    process.env.DATABASE_URL = previous;
  });
  const expected = readdirSync(`${taskRoot}/migrations`)
    .map((f) => f.replace(/\.mjs$/, ''))
    .sort();
  t.ok(expected.length > 0);
  t.same((await migrate.handler()).applied, expected);
  t.same((await migrate.handler()).applied, []);
});
