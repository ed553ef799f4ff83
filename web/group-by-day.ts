// The thread's messages under a heading per day, in the reader's time zone: pure, tested by calling it.

import { STRINGS } from './strings.js';

/** A calendar day as `YYYY-MM-DD` in `timeZone` (the browser's when unset). */
export function dayKey(at: Date, timeZone?: string): string {
  // en-CA writes dates as YYYY-MM-DD, whatever the reader's own locale.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export interface Day<T> {
  /** `YYYY-MM-DD` */
  key: string;
  items: T[];
}

/** Consecutive items of the same day together, in the order given (the API's: oldest first). */
export function groupByDay<T>(items: readonly T[], timeOf: (item: T) => string, timeZone?: string): Day<T>[] {
  const days: Day<T>[] = [];
  for (const item of items) {
    const key = dayKey(new Date(timeOf(item)), timeZone);
    const last = days.at(-1);
    if (last?.key === key) last.items.push(item);
    else days.push({ key, items: [item] });
  }
  return days;
}

/** A day's heading: Today, Yesterday, or the date written out in the reader's locale. */
export function dayLabel(key: string, now: Date, locale?: string, timeZone?: string): string {
  if (key === dayKey(now, timeZone)) return STRINGS.thread.today;
  const yesterday = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  if (key === dayKey(yesterday, timeZone)) return STRINGS.thread.yesterday;
  // The key is already the reader's day: written out in UTC from that date's noon, it stays that day.
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day, 12)),
  );
}
