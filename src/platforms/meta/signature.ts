import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureVerdict, WebhookRequest } from '../types.js';

export const META_SIGNATURE_HEADER = 'x-hub-signature-256';
const PREFIX = 'sha256=';
const SIGNATURE_FORMAT = /^sha256=[0-9a-f]{64}$/;

/** `sha256=<hex>` HMAC of the exact bytes, as Meta signs them. */
export function signMetaPayload(appSecret: string, rawBody: Buffer | string): string {
  return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/**
 * Verifies `X-Hub-Signature-256` over the raw bytes (never a re-serialised body: Meta escapes
 * non-ASCII as \uXXXX, so any decode/encode round trip breaks the HMAC). Constant-time compare.
 */
export function verifyMetaSignature(appSecret: string, request: WebhookRequest): SignatureVerdict {
  const header = request.headers[META_SIGNATURE_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return 'missing';
  // Exactly what Meta sends: lowercase prefix and hex, 64 digits. `sha1=`, uppercase or short
  // values are refused before any comparison (Buffer.from(hex) would silently accept some of them).
  if (!SIGNATURE_FORMAT.test(value)) return 'invalid';
  const received = Buffer.from(value.slice(PREFIX.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(request.rawBody).digest();
  return timingSafeEqual(received, expected) ? 'valid' : 'invalid';
}
