import type { Logger } from 'pino';
import type { Test } from 'tap';
import { NO_JOBS, type Jobs } from '../../src/jobs/jobs.js';
import { createOutbox } from '../../src/queue/outbox.js';
import { MessageBus } from '../../src/processor/bus.js';
import { createWorker, stopWorker } from '../../src/processor/worker.js';
import type { Sql, SqlPool } from '../../src/store/database.js';
import { silentLogger } from './app.js';
import type { TestQueue } from './queue.js';
import { waitFor } from './wait-for.js';

/**
 * The real SQS worker on a test queue, polling briefly and retrying at once, with its own outbox for
 * follow-up jobs; stopped at teardown.
 */
export function startTestWorker(
  t: Test,
  sql: SqlPool,
  queue: TestQueue,
  options: { bus?: MessageBus; maxReceiveCount?: number; jobs?: Jobs; logger?: Logger } = {},
) {
  const outbox = createOutbox({ sql, sqs: queue.sqs, queueUrl: queue.queueUrl, logger: silentLogger });
  const worker = createWorker({
    sql,
    sqs: queue.sqs,
    bus: options.bus ?? new MessageBus(),
    logger: options.logger ?? silentLogger,
    queueUrl: queue.queueUrl,
    jobs: options.jobs ?? NO_JOBS,
    outbox,
    maxReceiveCount: options.maxReceiveCount ?? 3,
    retryBaseSeconds: 0,
    waitTimeSeconds: 1,
  });
  worker.start();
  t.teardown(async () => {
    await stopWorker(worker);
    await outbox.drain();
  });
  return worker;
}

/**
 * Waits until the worker has processed every item stored under these item keys (`messages.external_id`).
 * Only the items' own queue rows count: their follow-up jobs (a media fetch) have rows of their own.
 */
export async function waitUntilProcessed(sql: Sql, itemKeys: string[]): Promise<void> {
  await waitFor(`processed: ${itemKeys.join(', ')}`, async () => {
    const [row] = await sql<{ done: number }[]>`
      select count(*)::int as done from queue_logs q join messages m on m.id = q.message_id
      where m.external_id = any(${itemKeys}) and q.job is null and q.status = 'processed'`;
    return row.done === itemKeys.length;
  });
}
