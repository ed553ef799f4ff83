/** Accounts named one by one in a window's summary; the rest are only counted. */
const TRACKED_ACCOUNTS = 1000;
/** The accounts a summary names, most items first. */
const SUMMARY_TOP = 10;

/** What a window of unrouted items held: logged as one line when it ends. */
export interface UnroutedSummary {
  items: number;
  /** The accounts with the most unrouted items, most first, as `platform:account`. */
  top: { account: string; items: number }[];
}

/**
 * The warning for items stored unrouted (an account no authenticating channel holds): the first
 * item of each account in a window is logged on its own line, the rest only counted and summed up
 * when the window ends, so a busy unknown number never floods the log. Nothing is dropped: the
 * items are stored, processed and counted in `omni_items_unrouted_total`.
 */
export class UnroutedLog {
  private readonly perAccount = new Map<string, number>();
  private items = 0;

  /** Counts an unrouted item; true when it is the first of its account in this window (log it). */
  admit(platform: string, account: string | null): boolean {
    this.items += 1;
    const key = `${platform}:${account ?? ''}`;
    const known = this.perAccount.get(key);
    if (known === undefined && this.perAccount.size >= TRACKED_ACCOUNTS) return false;
    this.perAccount.set(key, (known ?? 0) + 1);
    return known === undefined;
  }

  /** Ends the window: its summary, or null when each item was logged on its own line. */
  endWindow(): UnroutedSummary | null {
    const summary =
      this.items === this.perAccount.size
        ? null
        : {
            items: this.items,
            top: [...this.perAccount]
              .sort((a, b) => b[1] - a[1])
              .slice(0, SUMMARY_TOP)
              .map(([account, items]) => ({ account, items })),
          };
    this.perAccount.clear();
    this.items = 0;
    return summary;
  }
}
