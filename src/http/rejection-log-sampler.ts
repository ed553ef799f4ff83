/** How many webhook rejections are logged line by line in one window; the rest are only counted. */
export interface RejectionLogLimits {
  /** Lines per client IP. */
  perIp: number;
  /** Lines from all IPs together, so a flood from many addresses is bounded too. */
  perWindow: number;
  /** Client IPs counted one by one; rejections from further IPs only add to the totals (memory stays bounded). */
  trackedIps: number;
}

/** What a window held back: logged as one line when the window ends. */
export interface RejectionSummary {
  /** Every rejection in the window. */
  rejected: number;
  /** Those that were not logged on their own line. */
  notLogged: number;
  /** Client IPs counted one by one. */
  ips: number;
  /** The IPs with the most rejections, most first (at most five). */
  top: { ip: string; rejected: number }[];
}

/** A minute between summaries; ten lines per IP and a hundred in all within it. */
export const REJECTION_LOG_WINDOW_MS = 60_000;
export const DEFAULT_REJECTION_LOG_LIMITS: RejectionLogLimits = { perIp: 10, perWindow: 100, trackedIps: 10_000 };

/**
 * Sampling for the webhook rejection log: the first rejections of each client IP in a window are
 * logged one by one, the rest are counted and summed up in one line when the window ends, so a
 * flood of unsigned requests fills neither the log nor the log bill. Nothing is throttled: every
 * request is still answered and audited, since before its HMAC is checked a platform's real
 * webhook looks like any other request from its address.
 */
export class RejectionLogSampler {
  private readonly perIp = new Map<string, number>();
  private rejected = 0;
  private logged = 0;

  constructor(private readonly limits: RejectionLogLimits = DEFAULT_REJECTION_LOG_LIMITS) {}

  /** Counts a rejection from `ip`; true when it gets its own log line. */
  admit(ip: string): boolean {
    this.rejected += 1;
    const known = this.perIp.get(ip);
    if (known === undefined && this.perIp.size >= this.limits.trackedIps) return false;
    const count = (known ?? 0) + 1;
    this.perIp.set(ip, count);
    if (count > this.limits.perIp || this.logged >= this.limits.perWindow) return false;
    this.logged += 1;
    return true;
  }

  /** Ends the window and starts the next: what it held back, or null when every rejection was logged. */
  endWindow(): RejectionSummary | null {
    const summary =
      this.rejected === this.logged
        ? null
        : {
            rejected: this.rejected,
            notLogged: this.rejected - this.logged,
            ips: this.perIp.size,
            top: [...this.perIp]
              .sort((a, b) => b[1] - a[1])
              .slice(0, 5)
              .map(([ip, rejected]) => ({ ip, rejected })),
          };
    this.perIp.clear();
    this.rejected = 0;
    this.logged = 0;
    return summary;
  }
}
