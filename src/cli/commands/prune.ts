import { Presets, SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import { OmniError } from '../../errors.js';
import { createConfiguredMediaStore } from '../../media/configured-media-store.js';
import { type PruneCounts, type PruneProgress, type PruneResult, pruneOnce } from '../../retention/prune.js';
import { runCommand } from '../context.js';
import { withDatabase } from '../context.js';

/** `--older-than`: whole days, 0 or more (0 is every body received before the run). */
export function parseDays(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(days))
    throw new InvalidArgumentError('Give a whole number of days, 0 or more.');
  return days;
}

const LABELS: Record<keyof PruneCounts, string> = {
  unverifiedRequests: 'unverified requests',
  rawBodies: 'raw bodies',
  uploads: 'unused uploads',
  mediaFiles: 'media files',
};

/** The counts as the command prints them. */
export function describeCounts(counts: PruneCounts): string {
  return (Object.keys(LABELS) as (keyof PruneCounts)[]).map((step) => `${LABELS[step]}: ${counts[step]}`).join(', ');
}

/**
 * One bar per step on a terminal (the media store's size is not known up front, so its line counts
 * instead); nothing when stdout is not a terminal, where the final counts are all that is printed.
 */
function progressBars(): { onProgress?: (progress: PruneProgress) => void; stop(): void } {
  if (!process.stdout.isTTY) return { stop() {} };
  let bar: SingleBar | undefined;
  let step: keyof PruneCounts | undefined;
  return {
    onProgress(progress) {
      if (progress.step !== step) {
        bar?.stop();
        step = progress.step;
        const label = LABELS[step].padEnd(19);
        const format =
          progress.total === undefined
            ? `${label} {value} checked, {removed} removed`
            : `${label} [{bar}] {value}/{total}`;
        bar = new SingleBar({ format, stream: process.stdout, hideCursor: true }, Presets.shades_classic);
        bar.start(progress.total ?? 0, progress.done, { removed: progress.removed });
        return;
      }
      if (progress.total !== undefined) bar?.setTotal(progress.total);
      bar?.update(progress.done, { removed: progress.removed });
    },
    stop: () => bar?.stop(),
  };
}

/** The line the command prints for a round; a round skipped for the lock is an error, since nothing was done. */
export function describeResult(result: PruneResult): string {
  if (result.outcome === 'skipped')
    throw new OmniError(
      'OMNI_ERR_PRUNE_LOCKED',
      'another process is pruning right now (it holds the prune lock); nothing was removed, try again later',
    );
  const before = `webhooks received before ${result.rawBodiesBefore.toISOString()}`;
  if (result.outcome === 'counted') return `would remove ${describeCounts(result.counts)} (${before})`;
  const done = result.complete ? 'removed' : 'stopped early; removed';
  return `${done} ${describeCounts(result.counts)} (${before})`;
}

export function registerPrune(program: Command): void {
  program
    .command('prune')
    .description(
      'Remove raw webhook bodies past their retention (the audit rows of verified requests stay, unverified ones go), uploads no reply used and media files nothing uses (both after 24 h)',
    )
    .option(
      '--older-than <days>',
      'remove raw bodies and unverified requests received more than this many days ago (default WEBHOOK_LOG_RETENTION_DAYS; 0: all)',
      parseDays,
    )
    .option('--dry-run', 'only count what would be removed')
    .action((options: { olderThan?: number; dryRun?: boolean }) =>
      runCommand(async () => {
        // Ctrl-C ends the round between two batches: what was removed stays removed, and is counted.
        const controller = new AbortController();
        const abort = () => controller.abort();
        process.once('SIGINT', abort).once('SIGTERM', abort);
        const bars = progressBars();
        const result = await withDatabase((sql, config) =>
          pruneOnce(
            { sql, mediaStore: createConfiguredMediaStore(config) },
            {
              olderThanDays: options.olderThan ?? config.retention.webhookLogDays,
              dryRun: options.dryRun,
              signal: controller.signal,
              onProgress: bars.onProgress,
            },
          ),
        ).finally(() => {
          bars.stop();
          process.off('SIGINT', abort).off('SIGTERM', abort);
        });
        process.stdout.write(`${describeResult(result)}\n`);
      }),
    );
}
