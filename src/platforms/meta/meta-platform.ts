import { extractTotally } from '../extract-totally.js';
import type { Platform } from '../platform.js';
import type { ExtractResult, PlatformName } from '../types.js';
import { createMetaKeyring } from './keyring.js';

/** What tells one Meta platform from another; signing and the handshake are Meta's, shared. */
export type MetaPlatformParts = Omit<Platform, 'name' | 'routing' | 'extract' | 'createKeyring'> & {
  name: Extract<PlatformName, 'whatsapp' | 'messenger' | 'instagram'>;
  /** Reads a parsed body; may throw only on a bug of ours (the platform keeps `extract` total). */
  extract(body: unknown): ExtractResult;
};

/**
 * One Meta platform. WhatsApp, Messenger and Instagram sign webhooks and answer the handshake the
 * same way, and their items each name the account they reached, which routes them.
 */
export function createMetaPlatform(parts: MetaPlatformParts): Platform {
  return {
    ...parts,
    routing: 'account',
    extract: (body) => extractTotally(parts.extract, body),
    createKeyring: createMetaKeyring,
  };
}
