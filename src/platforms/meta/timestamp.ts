/**
 * Meta's clocks disagree: WhatsApp sends seconds as strings ("1744344496"), Messenger and
 * Instagram send milliseconds as numbers, and some deliveries (referrals, Instagram dashboard
 * tests, comment entries) carry seconds. A value below 1e11 is read as seconds: as milliseconds
 * it would fall in 1973, as seconds it reaches the year 5138.
 */
const SECONDS_BELOW = 1e11;
const DIGITS = /^\d+(\.\d+)?$/;

/** ISO-8601 UTC for a Meta timestamp, or undefined when it is absent, zero or not a time at all. */
export function metaTimeToIso(value: unknown): string | undefined {
  const count = typeof value === 'string' && DIGITS.test(value) ? Number(value) : value;
  if (typeof count !== 'number' || !Number.isFinite(count) || count <= 0) return undefined;
  const date = new Date(count < SECONDS_BELOW ? count * 1000 : count);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
