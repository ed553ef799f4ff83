/** Options for the login rate limit. */
export interface LoginLimitOptions {
  /** Failed attempts allowed per key (client IP, and email) in one window. */
  max: number;
  windowMs: number;
}

/**
 * A fixed-window counter of failed login attempts per key, in memory. Keys are the client IP and the
 * email tried, so neither one address guessing many accounts nor many addresses guessing one
 * account gets far. In memory means per process: behind N servers an attacker gets N windows,
 * which still bounds guessing at a few per minute.
 */
export class LoginLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly options: LoginLimitOptions) {
    if (!(options.max >= 1)) throw new Error('login limit max must be at least 1');
    if (!(options.windowMs >= 1)) throw new Error('login limit windowMs must be at least 1');
  }

  /** True when any key has used up its failed attempts in the current window. */
  blocked(keys: string[], now = Date.now()): boolean {
    return keys.some((key) => {
      const window = this.windows.get(key);
      return window !== undefined && window.resetAt > now && window.count >= this.options.max;
    });
  }

  /** Counts a failed attempt under every key. */
  fail(keys: string[], now = Date.now()): void {
    if (this.windows.size > 10_000) this.sweep(now);
    for (const key of keys) {
      let window = this.windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + this.options.windowMs };
        this.windows.set(key, window);
      }
      window.count += 1;
    }
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
