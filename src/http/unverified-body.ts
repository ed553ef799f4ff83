import { createHash } from 'node:crypto';
import type { WebhookLogRow } from '../store/webhook-logs.js';

/** Enough of an unverified body to see what was sent; too little for a flood of them to fill the database. */
export const UNVERIFIED_BODY_KEPT_BYTES = 4096;

/**
 * What `webhook_logs` keeps of a body that failed verification: its first 4 KiB, and the whole
 * body's length and sha256, so a repeated or replayed body can still be recognised. A verified
 * body is kept whole: it is the platform's, and reprocessing reads it.
 */
export function unverifiedBodyRecord(rawBody: Buffer): Pick<WebhookLogRow, 'rawBody' | 'wholeBody'> {
  return {
    rawBody: rawBody.subarray(0, UNVERIFIED_BODY_KEPT_BYTES),
    wholeBody: { length: rawBody.length, sha256: createHash('sha256').update(rawBody).digest('hex') },
  };
}
