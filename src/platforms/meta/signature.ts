import { createHmac } from 'node:crypto';
import type { WebhookRequest } from '../types.js';

export const META_SIGNATURE_HEADER = 'x-hub-signature-256';
const PREFIX = 'sha256=';
const SIGNATURE_FORMAT = /^sha256=[0-9a-f]{64}$/;

/** `sha256=<hex>` HMAC of the exact bytes, as Meta signs them. */
export function signMetaPayload(appSecret: string, rawBody: Buffer | string): string {
  return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/**
 * The 32 bytes of `X-Hub-Signature-256`, to compare (constant time) with an HMAC of the raw bytes
 * (never a re-serialised body: Meta escapes non-ASCII as \uXXXX, so any decode/encode round trip
 * breaks the HMAC). 'missing' without the header; 'invalid' unless it is exactly what Meta sends:
 * lowercase prefix and hex, 64 digits. `sha1=`, uppercase or short values are refused before any
 * comparison (Buffer.from(hex) would silently accept some of them).
 */
export function readMetaSignature(request: WebhookRequest): Buffer | 'missing' | 'invalid' {
  const header = request.headers[META_SIGNATURE_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return 'missing';
  if (!SIGNATURE_FORMAT.test(value)) return 'invalid';
  return Buffer.from(value.slice(PREFIX.length), 'hex');
}
