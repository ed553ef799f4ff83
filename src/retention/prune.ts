import { isMediaKey, type MediaStore } from '../media/media-store.js';
import type { Sql, SqlPool } from '../store/database.js';
import { selectUnusedMediaKeys } from '../store/media-references.js';
import { tryPruneLock } from '../store/prune-lock.js';
import { databaseNow, insertPruneRound, scheduledRoundFinishedWithin } from '../store/prune-rounds.js';
import { countUnusedUploads, deleteUnusedUploads } from '../store/unused-uploads.js';
import {
  countRawBodiesBefore,
  countUnverifiedBefore,
  deleteUnverifiedBefore,
  pruneRawBodies,
} from '../store/webhook-log-retention.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How old an unused upload or an unreferenced media file must be before it goes. A file is written
 * to the store a moment before the row that uses it commits (an attachment marked stored, an upload
 * recorded), and an agent may upload a file a while before sending the reply that names it: a day
 * covers both with room to spare.
 */
export const UNUSED_GRACE_MS = DAY_MS;

/** Rows per statement: each batch is one short transaction, so webhooks never wait on a prune. */
const BATCH = 1000;

/** What a round removed (or, in a dry run, would remove). */
export interface PruneCounts {
  /** Audit rows of requests never verified, deleted whole. */
  unverifiedRequests: number;
  /** Raw bodies of verified webhooks (their audit rows stay). */
  rawBodies: number;
  /** Uploads no reply used, past the grace period. */
  uploads: number;
  /** Media store files nothing uses, past the grace period. */
  mediaFiles: number;
}

/**
 * Where a round is. For unverified requests, raw bodies and uploads, `done` of `total` removed (or counted); for media
 * files, `done` objects checked so far (the store's size is not known up front) and `removed`.
 */
export interface PruneProgress {
  step: keyof PruneCounts;
  done: number;
  total?: number;
  removed: number;
}

export interface PruneOptions {
  /**
   * Raw bodies (and unverified requests' rows) received more than this many days before the round
   * started go; 0: all received before it.
   */
  olderThanDays: number;
  /** Count only: nothing changes, and no lock is taken. */
  dryRun?: boolean;
  /** The hourly round: it does nothing when another scheduled round finished less than `skipIfRanWithinMs` ago. */
  scheduled?: { skipIfRanWithinMs: number };
  /** Ends the round between two batches (shutdown, or a Lambda's time running out). */
  signal?: AbortSignal;
  onProgress?: (progress: PruneProgress) => void;
}

export type PruneResult =
  | {
      outcome: 'pruned' | 'counted';
      counts: PruneCounts;
      /** The cut-off of raw bodies and unverified requests, on the database's clock. */
      rawBodiesBefore: Date;
      /** False when `signal` ended the round before it was through. */
      complete: boolean;
    }
  | { outcome: 'skipped'; reason: 'locked' | 'recent' };

interface Round {
  sql: Sql;
  mediaStore: MediaStore;
  options: PruneOptions;
  counts: PruneCounts;
}

const stopped = (round: Round) => round.options.signal?.aborted === true;

/** One table's step: counted in a dry run (or to show progress), else removed batch by batch. */
async function rowsStep(
  round: Round,
  step: Exclude<keyof PruneCounts, 'mediaFiles'>,
  count: () => Promise<number>,
  removeBatch: () => Promise<number>,
): Promise<void> {
  if (stopped(round)) return;
  const { dryRun, onProgress } = round.options;
  const total = dryRun || onProgress ? await count() : undefined;
  if (dryRun) {
    round.counts[step] = total ?? 0;
    onProgress?.({ step, done: round.counts[step], total, removed: round.counts[step] });
    return;
  }
  onProgress?.({ step, done: 0, total, removed: 0 });
  for (;;) {
    if (stopped(round)) return;
    const removed = await removeBatch();
    round.counts[step] += removed;
    const done = round.counts[step];
    onProgress?.({ step, done, total: total === undefined ? undefined : Math.max(total, done), removed: done });
    if (removed < BATCH) return;
  }
}

/**
 * The store, page by page: files older than the grace period that nothing uses are removed. Only
 * keys Omni writes are candidates; the listing keeps to Omni's prefix, and this keeps to its shape.
 */
async function mediaStep(round: Round, unusedBefore: Date): Promise<void> {
  if (stopped(round)) return;
  const { dryRun, onProgress } = round.options;
  let checked = 0;
  onProgress?.({ step: 'mediaFiles', done: 0, removed: 0 });
  for await (const page of round.mediaStore.list()) {
    if (stopped(round)) return;
    const old = page
      .filter((object) => isMediaKey(object.key) && object.modifiedAt < unusedBefore)
      .map((object) => object.key);
    const unused = await selectUnusedMediaKeys(round.sql, old, unusedBefore);
    if (!dryRun) await round.mediaStore.delete(unused);
    checked += page.length;
    round.counts.mediaFiles += unused.length;
    onProgress?.({ step: 'mediaFiles', done: checked, removed: round.counts.mediaFiles });
  }
}

async function runRound(sql: Sql, mediaStore: MediaStore, options: PruneOptions): Promise<PruneResult> {
  const startedAt = await databaseNow(sql);
  // No earlier than 1970: a retention of centuries (keep them all) stays a valid date.
  const rawBodiesBefore = new Date(Math.max(0, startedAt.getTime() - options.olderThanDays * DAY_MS));
  const unusedBefore = new Date(startedAt.getTime() - UNUSED_GRACE_MS);
  const round: Round = {
    sql,
    mediaStore,
    options,
    counts: { unverifiedRequests: 0, rawBodies: 0, uploads: 0, mediaFiles: 0 },
  };
  await rowsStep(
    round,
    'unverifiedRequests',
    () => countUnverifiedBefore(sql, rawBodiesBefore),
    () => deleteUnverifiedBefore(sql, rawBodiesBefore, BATCH),
  );
  await rowsStep(
    round,
    'rawBodies',
    () => countRawBodiesBefore(sql, rawBodiesBefore),
    () => pruneRawBodies(sql, rawBodiesBefore, BATCH),
  );
  await rowsStep(
    round,
    'uploads',
    () => countUnusedUploads(sql, unusedBefore),
    () => deleteUnusedUploads(sql, unusedBefore, BATCH),
  );
  // After the uploads: the files only they used go in the same round.
  await mediaStep(round, unusedBefore);
  const complete = !stopped(round);
  if (complete && !options.dryRun) {
    await insertPruneRound(sql, {
      scheduled: options.scheduled !== undefined,
      startedAt,
      rawBodiesBefore,
      ...round.counts,
    });
  }
  return { outcome: options.dryRun ? 'counted' : 'pruned', counts: round.counts, rawBodiesBefore, complete };
}

/**
 * One retention round: the audit rows of unverified requests past `olderThanDays`, and the raw bodies
 * of verified ones (whose audit rows stay), then uploads no reply used, then media files nothing uses
 * (both past UNUSED_GRACE_MS). One process at a time
 * across servers, workers and the Lambda: a round that finds the advisory lock taken is skipped, not
 * queued. Every change is a short batch, so webhooks keep being written meanwhile; a round that is
 * stopped half way leaves what it did done, and the next round goes on from there.
 */
export async function pruneOnce(
  deps: { sql: SqlPool; mediaStore: MediaStore },
  options: PruneOptions,
): Promise<PruneResult> {
  if (options.dryRun) return runRound(deps.sql, deps.mediaStore, options);
  const release = await tryPruneLock(deps.sql);
  if (!release) return { outcome: 'skipped', reason: 'locked' };
  try {
    if (options.scheduled && (await scheduledRoundFinishedWithin(deps.sql, options.scheduled.skipIfRanWithinMs)))
      return { outcome: 'skipped', reason: 'recent' };
    return await runRound(deps.sql, deps.mediaStore, options);
  } finally {
    await release();
  }
}
