import { OmniError } from '../../errors.js';
import type { ExtractResult, PlatformAdapter, PlatformName } from '../types.js';
import { answerMetaHandshake } from './handshake.js';
import { verifyMetaSignature } from './signature.js';

/** The secrets Meta gives each app: the app secret signs webhooks, the verify token answers the handshake. */
export interface MetaAdapterConfig {
  appSecret: string;
  verifyToken: string;
}

export interface MetaAdapterParts extends MetaAdapterConfig {
  name: PlatformName;
  /** Reads a parsed body; may throw only on a bug of ours (the adapter keeps `extract` total). */
  extract(body: unknown): ExtractResult;
}

/**
 * One Meta platform's adapter. WhatsApp, Messenger and Instagram sign and handshake the same
 * way and differ only in how a body is read, so only `extract` is theirs.
 */
export function createMetaAdapter(parts: MetaAdapterParts): PlatformAdapter {
  const { name, appSecret, verifyToken, extract } = parts;
  requireSecret(name, 'appSecret', 'APP_SECRET', appSecret);
  requireSecret(name, 'verifyToken', 'VERIFY_TOKEN', verifyToken);
  return {
    name,
    verify: (request) => verifyMetaSignature(appSecret, request),
    handshake: (query) => answerMetaHandshake(verifyToken, query),
    extract: (body) => extractTotally(extract, body),
  };
}

/** Refuses to build an adapter that would accept unsigned webhooks. */
function requireSecret(name: PlatformName, option: string, suffix: string, value: unknown): void {
  if (typeof value === 'string' && value !== '') return;
  const variable = `${name.toUpperCase()}_${suffix}`;
  throw new OmniError('OMNI_ERR_CONFIG_INVALID', `${name}: ${option} is required. Set ${variable}`);
}

/** The last guard of the "extract never throws" promise: a failure outside any element keeps the body. */
function extractTotally(extract: (body: unknown) => ExtractResult, body: unknown): ExtractResult {
  try {
    return extract(body);
  } catch (error) {
    const reason = `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
    return { items: [], errors: [{ path: '', reason, raw: body }] };
  }
}
