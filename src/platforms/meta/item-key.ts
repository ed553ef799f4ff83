import { createHash } from 'node:crypto';

type KeyPart = string | number | undefined;

/**
 * An event's itemKey from what identifies it (target id, event type, actor, platform time...).
 * Absent parts are skipped. Built only from the payload, never from the clock or randomness,
 * so a redelivery of the same webhook yields the same key.
 */
export function keyFrom(...parts: KeyPart[]): string {
  return parts.filter((part) => part !== undefined && part !== '').join(':');
}

/** A short stable fingerprint of a JSON value, for elements that carry no id of their own. */
export function fingerprint(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex')
    .slice(0, 16);
}
