import { jobDuration } from '../observability/metrics.js';
import { OmniError } from '../errors.js';
import { inSpan } from '../observability/tracing-spans.js';
import type { Jobs } from '../jobs/jobs.js';
import type { JobKind } from '../jobs/types.js';
import type { Outbox } from '../queue/outbox.js';
import type { QueueMessageBody } from '../queue/queue-message.js';
import { announceProcessed } from '../realtime/announce-processed.js';
import { inTransaction, type SqlPool } from '../store/database.js';
import { insertJobs, selectJobPayload } from '../store/jobs.js';
import { claimQueueLog, markProcessed } from '../store/queue-logs.js';
import type { Logger } from 'pino';
import type { ProcessOutcome } from './process-queue-item.js';

export interface RunJobDeps {
  sql: SqlPool;
  logger: Logger;
  jobs: Jobs;
  outbox?: Outbox;
  maxReceiveCount: number;
}

/**
 * Runs one job through its kind's handler, then marks its row processed — with the reason, when
 * the handler gave up for good — announces it when the handler changed what agents see, and queues
 * its follow-up jobs, in one transaction. A handler that throws leaves the row to the caller's
 * failure path (retry, then the DLQ). A job already processed is skipped.
 */
export async function runJob(
  deps: RunJobDeps,
  body: QueueMessageBody & { job: JobKind },
  attempt: number,
): Promise<ProcessOutcome> {
  const handler = deps.jobs.handlers[body.job];
  if (!handler) throw new OmniError('OMNI_ERR_JOB_UNSUPPORTED', `no handler for ${body.job} jobs in this process`);
  if (!(await claimQueueLog(deps.sql, body.queueLogId, attempt))) return 'already-processed';
  const payload = await selectJobPayload(deps.sql, body.queueLogId);
  if (!payload) throw new OmniError('OMNI_ERR_QUEUE_ITEM_MISSING', `job ${body.queueLogId} not found`);
  const endTimer = jobDuration.startTimer({ kind: body.job, platform: body.platform });
  const result = await inSpan(`job ${body.job}`, { attributes: { 'omni.job': body.job } }, async (span) => {
    const done = await handler(
      { sql: deps.sql, logger: deps.logger },
      {
        queueLogId: body.queueLogId,
        messageId: body.messageId,
        kind: body.job,
        payload,
        attempt,
        lastAttempt: attempt >= deps.maxReceiveCount,
      },
    );
    span.setAttribute('omni.job.outcome', done.outcome);
    return done;
  }).catch((error: unknown) => {
    // Thrown: the job retries (a throttle, an outage) or ends in the DLQ.
    endTimer({ outcome: 'error' });
    throw error;
  });
  endTimer({ outcome: result.outcome });
  const followUps = await inTransaction(deps.sql, async (sql) => {
    await markProcessed(sql, body.queueLogId, result.outcome === 'failed' ? result.reason : null);
    if (result.announce) await announceProcessed(sql, [body.queueLogId]);
    return insertJobs(sql, result.followUps ?? []);
  });
  deps.outbox?.sendInBackground(followUps);
  return 'processed';
}
