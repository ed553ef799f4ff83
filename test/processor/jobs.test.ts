import t from 'tap';
import type { Jobs } from '../../src/jobs/jobs.js';
import { RetryJobLater, type ClaimedJob, type JobResult } from '../../src/jobs/types.js';
import { relayPendingOnce } from '../../src/queue/relay.js';
import { insertJobs } from '../../src/store/jobs.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;
const MAX_RECEIVES = 3;

t.test('jobs ride the queue beside inbound items', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t, { maxReceiveCount: MAX_RECEIVES, visibilityTimeoutSeconds: 2 });
  const { app, outbox } = await createTestApp(t, { sql, queue });

  /** Every run of the test handler, by the payload's `name`, with when it ran. */
  const runs: { name: string; job: ClaimedJob; at: number }[] = [];
  const behaviours: Record<string, (job: ClaimedJob) => JobResult> = {
    followed: () => ({ outcome: 'done' }),
    'retry-in-2s': (job) => {
      if (job.attempt === 1) throw new RetryJobLater('429: slow down', 2);
      return { outcome: 'done' };
    },
    'window-closed': () => ({ outcome: 'failed', reason: 'the 24-hour window is closed', announce: true }),
    chained: () => ({
      outcome: 'done',
      followUps: [{ kind: 'deliver_event', messageId: runs.at(-1)!.job.messageId, payload: { name: 'followed' } }],
    }),
  };
  const jobs: Jobs = {
    handlers: {
      async deliver_event(_context, job) {
        const name = String(job.payload.name);
        runs.push({ name, job, at: Date.now() });
        return behaviours[name]!(job);
      },
    },
    followUps: [
      async (_tx, items) =>
        items
          .filter((i) => i.kind === 'message')
          .map((i) => ({ kind: 'deliver_event' as const, messageId: i.messageId, payload: { name: 'followed' } })),
    ],
  };
  startTestWorker(t, sql, queue, { jobs, maxReceiveCount: MAX_RECEIVES });

  const runsOf = (name: string) => runs.filter((r) => r.name === name);
  async function jobRow(queueLogId: number) {
    const [row] = await sql<
      { status: string; attempts: number; last_error: string | null; event_seq: string | null }[]
    >`
      select status, attempts, last_error, event_seq from queue_logs where id = ${queueLogId}`;
    return row!;
  }
  const settled = (queueLogId: number) =>
    waitFor(`job ${queueLogId} settled`, async () => {
      const row = await jobRow(queueLogId);
      return ['processed', 'dead'].includes(row.status) ? row : undefined;
    });

  t.equal((await postWebhook(app, 'whatsapp', whatsAppTextBody('wamid.JOBS-1', T, 'hello'))).statusCode, 200);
  await waitUntilProcessed(sql, ['wamid.JOBS-1']);
  const [message] = await sql<{ id: string }[]>`select id from messages where external_id = 'wamid.JOBS-1'`;
  const messageId = Number(message!.id);

  /** Stores a test job and hands it to SQS, as an API route would after its commit. */
  async function enqueue(name: string, kind: 'deliver_event' | 'fetch_media' = 'deliver_event') {
    const [unit] = await insertJobs(sql, [{ kind, messageId, payload: { name } }]);
    await outbox.send([unit!]);
    return unit!.queueLogId;
  }

  t.test('a processed message plans its follow-up job in the same transaction, and its handler runs it', async (t) => {
    await waitFor('the follow-up ran', async () => runsOf('followed').length === 1);
    const [run] = runsOf('followed');
    t.equal(run!.job.messageId, messageId, 'the job is about the processed message');
    t.equal(run!.job.kind, 'deliver_event');
    t.equal((await settled(run!.job.queueLogId)).status, 'processed');
  });

  t.test('a job that asks to retry later is retried after the delay it asked for', async (t) => {
    const id = await enqueue('retry-in-2s');
    const row = await settled(id);
    t.equal(row.status, 'processed');
    const [first, second] = runsOf('retry-in-2s');
    t.equal(second!.job.attempt, 2, 'the second receive succeeded');
    // The test worker's own backoff is 0 s: only the requested delay can hold the retry back.
    t.ok(second!.at - first!.at >= 1500, `not retried before the delay (${second!.at - first!.at} ms)`);
  });

  t.test('a job that fails for good is processed with its reason, announced once and never retried', async (t) => {
    const id = await enqueue('window-closed');
    const row = await settled(id);
    t.equal(row.status, 'processed');
    t.equal(row.last_error, 'the 24-hour window is closed');
    t.ok(row.event_seq, 'announced to dashboards');
    t.equal(row.attempts, 1);
    t.equal(runsOf('window-closed').length, 1);
  });

  t.test('a job queues its own follow-ups when it finishes', async (t) => {
    const before = runsOf('followed').length;
    await settled(await enqueue('chained'));
    await waitFor('the chained follow-up ran', async () => runsOf('followed').length === before + 1);
    t.pass('the follow-up ran');
  });

  t.test('a job no handler in this process knows dies after its retries and lands in the DLQ', async (t) => {
    const id = await enqueue('nobody', 'fetch_media');
    const row = await settled(id);
    t.equal(row.status, 'dead');
    t.match(row.last_error, /no handler for fetch_media/);
  });

  t.test('the relay sends a job whose send was lost between commit and SQS', async (t) => {
    const before = runsOf('followed').length;
    const [unit] = await insertJobs(sql, [{ kind: 'deliver_event', messageId, payload: { name: 'followed' } }]);
    t.equal(await relayPendingOnce(sql, outbox, 0), 1);
    t.equal((await settled(unit!.queueLogId)).status, 'processed');
    t.equal(runsOf('followed').length, before + 1);
  });
});
