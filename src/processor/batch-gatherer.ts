/** Hands a batch in; settles once the run that took it has finished (or failed). */
export type GatheredRun<T> = (entries: T[]) => Promise<void>;

interface Waiting<T> {
  entries: T[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the worker: the batches several SQS receives hand in while `runners` runs are
 * in flight wait, then go together as one run of up to `maxEntries` (at least one batch), so under
 * load one transaction, its statements and its commit serve many receives, and at rest a batch
 * runs alone at once. Each batch's promise settles with the run that took it: if that run fails,
 * every batch in it is told, and each caller can retry its own alone.
 */
export function createBatchGatherer<T>(
  run: (entries: T[]) => Promise<void>,
  options: { maxEntries: number; runners: number },
): GatheredRun<T> {
  const waiting: Waiting<T>[] = [];
  let active = 0;

  function next(): Waiting<T>[] {
    let count = 0;
    let entries = 0;
    while (count < waiting.length && (count === 0 || entries + waiting[count].entries.length <= options.maxEntries)) {
      entries += waiting[count].entries.length;
      count += 1;
    }
    return waiting.splice(0, count);
  }

  function pump(): void {
    while (active < options.runners && waiting.length > 0) {
      const taken = next();
      active += 1;
      Promise.resolve(taken.flatMap((w) => w.entries))
        .then(run)
        .then(
          () => settle(taken, (w) => w.resolve()),
          (error: unknown) => settle(taken, (w) => w.reject(error)),
        );
    }
  }

  function settle(taken: Waiting<T>[], tell: (w: Waiting<T>) => void): void {
    active -= 1;
    for (const w of taken) tell(w);
    pump();
  }

  return (entries) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ entries, resolve, reject });
      pump();
    });
}
