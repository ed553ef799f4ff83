import { createHash } from 'node:crypto';
import { redactHeaders } from '../logger.js';
import { META_SIGNATURE_HEADER } from '../platforms/meta/signature.js';
import { TELEGRAM_SECRET_HEADER } from '../platforms/telegram/types.js';
import type { WebhookLogRow } from '../store/webhook-logs.js';

/** Enough of an unverified body to see what was sent; too little for a flood of them to fill the database. */
export const UNVERIFIED_BODY_KEPT_BYTES = 4096;

/**
 * The headers kept of a request that was not verified: what tells a platform's retry from a scanner,
 * and whether a signature came at all (its value redacted). The sender chose every other header, and
 * up to the server's header limit of them.
 */
export const UNVERIFIED_HEADERS_KEPT = [
  'content-type',
  'content-length',
  'user-agent',
  'x-forwarded-for',
  META_SIGNATURE_HEADER,
  TELEGRAM_SECRET_HEADER,
] as const;

/** Each kept header value's length, at most. */
export const UNVERIFIED_HEADER_KEPT_CHARS = 256;

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

/**
 * What `webhook_logs` keeps of an unverified request's headers: the few of UNVERIFIED_HEADERS_KEPT,
 * secrets redacted, each value cut to UNVERIFIED_HEADER_KEPT_CHARS, so its row stays small whatever
 * was sent.
 */
export function unverifiedHeadersRecord(headers: Record<string, unknown>): Record<string, string> {
  const redacted = redactHeaders(headers);
  const kept: Record<string, string> = {};
  for (const name of UNVERIFIED_HEADERS_KEPT) {
    const value = redacted[name];
    if (value === undefined) continue;
    kept[name] = (Array.isArray(value) ? value.join(', ') : String(value)).slice(0, UNVERIFIED_HEADER_KEPT_CHARS);
  }
  return kept;
}
