/**
 * Readers for untrusted webhook JSON. Meta's payloads drift (ids sent as numbers, fields missing
 * in dashboard test deliveries, values of the wrong type), so every reader answers `undefined`
 * rather than throwing. Keys are checked against the documented shapes in each `types.ts`.
 */

/** An object believed to follow the documented shape T: its keys are known, its values unchecked. */
export type Untrusted<T> = { readonly [K in keyof T]?: unknown };

type Key<T> = keyof T & string;
type Element<V> = V extends readonly (infer E)[] ? E : never;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as an untrusted T when it is a JSON object at all. */
export function asShape<T>(value: unknown): Untrusted<T> | undefined {
  return isObject(value) ? (value as Untrusted<T>) : undefined;
}

/** The object under `key`, or undefined when it is absent or not an object. */
export function objectAt<T, K extends Key<T>>(
  parent: Untrusted<T> | undefined,
  key: K,
): Untrusted<NonNullable<T[K]>> | undefined {
  return asShape<NonNullable<T[K]>>(parent?.[key]);
}

/** The array under `key` (anything else reads as no elements), its elements still unchecked. */
export function listAt<T, K extends Key<T>>(parent: Untrusted<T> | undefined, key: K): unknown[] {
  const value = parent?.[key];
  return Array.isArray(value) ? value : [];
}

/** The array under `key`, keeping only the elements that are objects. */
export function objectsAt<T, K extends Key<T>>(
  parent: Untrusted<T> | undefined,
  key: K,
): Untrusted<Element<NonNullable<T[K]>>>[] {
  return listAt(parent, key).filter(isObject) as Untrusted<Element<NonNullable<T[K]>>>[];
}

/** A non-empty string under `key`. Meta sends some ids as numbers (`app_id`), kept here as text. */
export function textAt<T>(parent: Untrusted<T> | undefined, key: Key<T>): string | undefined {
  const value = parent?.[key];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A string under `key` exactly as sent, the empty string included (a removed reaction is `""`). */
export function stringAt<T>(parent: Untrusted<T> | undefined, key: Key<T>): string | undefined {
  const value = parent?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function numberAt<T>(parent: Untrusted<T> | undefined, key: Key<T>): number | undefined {
  const value = parent?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function flagAt<T>(parent: Untrusted<T> | undefined, key: Key<T>): boolean {
  return parent?.[key] === true;
}

/** Drops the keys whose value is undefined, so stored JSON holds only what the platform gave. */
export function withoutUndefined<T extends object>(value: T): T {
  const kept = Object.entries(value).filter(([, entry]) => entry !== undefined);
  return Object.fromEntries(kept) as T;
}
