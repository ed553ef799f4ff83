/** Small readers for untrusted JSON: each returns undefined instead of throwing. */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Telegram ids are integers (chat ids up to 52 bits); they are kept as decimal strings. */
export function id(value: unknown): string | undefined {
  return Number.isSafeInteger(value) ? String(value) : undefined;
}

export function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Seconds since the epoch → ISO-8601 UTC; undefined when absent or out of Date's range. */
export function unixToIso(seconds: unknown): string | undefined {
  const value = number(seconds);
  if (value === undefined) return undefined;
  const date = new Date(value * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Drops undefined values so stored JSON holds only what the platform gave. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
