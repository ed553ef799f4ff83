// Coalesces requests for an expensive reload: pure apart from the clock it is handed, tested by
// calling it with a fake one.

/** The clock a throttle reads and sets timers on (the browser's, or a test's). */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const BROWSER_CLOCK: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export interface Throttle {
  /** Asks for a run: now when none ran for `intervalMs`, else once when the interval ends, however often asked meanwhile. */
  request(): void;
  /** Runs now (something the agent chose, which must not wait), and the interval starts again. */
  runNow(): void;
  /** Drops a run waiting for its interval (the screen went away). */
  cancel(): void;
}

/**
 * Runs `run` at most once every `intervalMs`; a request inside the interval is kept for its end
 * (trailing), so the last change is always followed by a run, and a burst of requests makes one.
 */
export function throttle(run: () => void, intervalMs: number, clock: Clock = BROWSER_CLOCK): Throttle {
  let lastRun: number | null = null;
  let waiting: unknown = null;
  const fire = () => {
    waiting = null;
    lastRun = clock.now();
    run();
  };
  const cancel = () => {
    if (waiting !== null) clock.clearTimeout(waiting);
    waiting = null;
  };
  return {
    request() {
      if (waiting !== null) return;
      const wait = lastRun === null ? 0 : lastRun + intervalMs - clock.now();
      if (wait <= 0) fire();
      else waiting = clock.setTimeout(fire, wait);
    },
    runNow() {
      cancel();
      fire();
    },
    cancel,
  };
}
