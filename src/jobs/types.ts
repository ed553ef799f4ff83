import type { Logger } from 'pino';
import type { FiledItem } from '../store/file-batch.js';
import type { Sql } from '../store/database.js';

/** The kinds of work that ride the queue besides inbound items, each with its own handler. */
export const JOB_KINDS = ['send_message', 'fetch_media', 'deliver_event', 'fetch_profile'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export function isJobKind(value: unknown): value is JobKind {
  return typeof value === 'string' && (JOB_KINDS as readonly string[]).includes(value);
}

/** A job to enqueue: about one message, with its own payload; `group` orders jobs on a FIFO queue. */
export interface NewJob {
  kind: JobKind;
  messageId: number;
  payload: Record<string, unknown>;
  /** FIFO `MessageGroupId` suffix; jobs sharing one run in order. Defaults to the message's conversation. */
  group?: string;
}

/** A job as its handler receives it, claimed for this attempt. */
export interface ClaimedJob {
  queueLogId: number;
  messageId: number;
  kind: JobKind;
  payload: Record<string, unknown>;
  /** SQS's receive count: 1 on the first try. */
  attempt: number;
  /** No retry follows a failure of this attempt: the message goes to the DLQ. */
  lastAttempt: boolean;
}

/**
 * How a job ended. `failed` is a permanent failure the handler has already recorded where agents see
 * it (a reply marked failed, an attachment marked failed): the job is over and never retried.
 * Transient failures throw instead (`RetryJobLater` to choose the delay).
 */
export type JobResult =
  | { outcome: 'done'; announce?: boolean; followUps?: NewJob[] }
  | { outcome: 'failed'; reason: string; announce?: boolean; followUps?: NewJob[] };

export interface JobContext {
  sql: Sql;
  logger: Logger;
}

export type JobHandler = (context: JobContext, job: ClaimedJob) => Promise<JobResult>;

export type JobHandlers = Partial<Record<JobKind, JobHandler>>;

/**
 * A processed item as follow-up planners see it: as filed, and whether it started its conversation
 * (its announcement named it `conversation.created`: the one place that rule is decided).
 */
export type ProcessedItem = FiledItem & { startsConversation: boolean };

/**
 * Jobs that follow from processed inbound items (an attachment to fetch, an event for each subscribed
 * endpoint), planned inside the processing transaction so they commit with it.
 */
export type FollowUpPlanner = (tx: Sql, items: ProcessedItem[]) => Promise<NewJob[]>;

/** A transient failure that knows when to try again (a 429's `Retry-After`, Telegram's `retry_after`). */
export class RetryJobLater extends Error {
  readonly delaySeconds: number;

  constructor(message: string, delaySeconds: number) {
    super(message);
    this.name = 'RetryJobLater';
    this.delaySeconds = Math.max(0, Math.ceil(delaySeconds));
  }
}
