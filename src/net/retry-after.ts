/**
 * `Retry-After` in seconds from `now`, in either form HTTP allows (RFC 9110 §10.2.3): delay-seconds
 * or an HTTP date (a past one is 0). Undefined when absent or unreadable.
 */
export function retryAfterSeconds(header: string | string[] | null | undefined, now = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}
