import { createHash, randomBytes } from 'node:crypto';

/** A new secret token (256 random bits, base64url), shown once and stored only as its hash. */
export function generateToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a token. A plain SHA-256 suffices: the token is random, not a password. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
