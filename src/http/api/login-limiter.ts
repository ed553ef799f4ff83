/** Options for the login rate limit. */
export interface LoginLimitOptions {
  /** Failed attempts allowed for one email from one client IP in a window. */
  max: number;
  /**
   * Failed attempts allowed from one client IP, whatever the email, in a window: higher than `max`,
   * since an office or a carrier NAT puts many agents behind one address.
   */
  ipMax: number;
  windowMs: number;
}

/** An attempt holding its place under the limit; it counts as a failure unless it `succeeded`. */
export interface LoginAttempt {
  succeeded(): void;
}

interface Window {
  count: number;
  resetAt: number;
}

/**
 * A fixed-window counter of failed login attempts, in memory, under two keys: the client IP with
 * the email, and the client IP alone. There is no key for the email alone, so a stranger failing
 * for a named agent locks that agent out from the stranger's address only, never from everywhere.
 *
 * An attempt takes its place before the password hash runs and gives it back only on success, so
 * attempts in flight count: forty parallel guesses cannot all slip in while the first are hashed.
 * In memory means per process: behind N servers an attacker gets N windows, which still bounds
 * guessing at a few per minute.
 */
export class LoginLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly options: LoginLimitOptions) {
    if (!(options.max >= 1)) throw new Error('login limit max must be at least 1');
    if (!(options.ipMax >= options.max)) throw new Error('login limit ipMax must be at least max');
    if (!(options.windowMs >= 1)) throw new Error('login limit windowMs must be at least 1');
  }

  /**
   * Takes a place for an attempt from `ip` at `emailKey` (the email as the database compares it),
   * or answers undefined when either key has no place left in its window.
   */
  begin(ip: string, emailKey: string, now = Date.now()): LoginAttempt | undefined {
    if (this.windows.size > 10_000) this.sweep(now);
    const places = [
      { window: this.current(JSON.stringify(['ip', ip]), now), limit: this.options.ipMax },
      { window: this.current(JSON.stringify(['ip-email', ip, emailKey]), now), limit: this.options.max },
    ];
    if (places.some(({ window, limit }) => window.count >= limit)) return undefined;
    const windows = places.map(({ window }) => window);
    for (const window of windows) window.count += 1;
    return {
      succeeded() {
        // A window that has since expired was replaced, and giving back to it changes nothing.
        for (const window of windows) window.count -= 1;
      },
    };
  }

  private current(key: string, now: number): Window {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.options.windowMs };
      this.windows.set(key, window);
    }
    return window;
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
