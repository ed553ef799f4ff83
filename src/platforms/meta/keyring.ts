import { createHmac, timingSafeEqual } from 'node:crypto';
import { safeEqual } from '../safe-equal.js';
import type { ChannelKey, HandshakeResult, WebhookAuthentication, WebhookKeyring, WebhookRequest } from '../types.js';
import { readMetaSignature } from './signature.js';

/**
 * Where an account id may sit in a Meta body: `entry[0].id` comes early (after `"object"`), the
 * WABA id for WhatsApp, the Page or Instagram id otherwise; a WhatsApp change names its number
 * soon after (`value.metadata.phone_number_id`), which is all a number added without its WABA id
 * can be known by. Only the first bytes are scanned.
 */
const ENTRY_ID_PATTERN = /"id"\s*:\s*"(\d{1,32})"/;
const PHONE_NUMBER_ID_PATTERN = /"phone_number_id"\s*:\s*"(\d{1,32})"/;
const HINT_SCAN_BYTES = 512;

/**
 * The first `"id":"<digits>"` of the body, then the first `"phone_number_id":"<digits>"`: hints at
 * whose secret signed it, never trusted as proof. A cheap scan of the first bytes, no JSON parse.
 */
export function accountHints(rawBody: Buffer): string[] {
  const start = rawBody.toString('latin1', 0, HINT_SCAN_BYTES);
  return [ENTRY_ID_PATTERN.exec(start)?.[1], PHONE_NUMBER_ID_PATTERN.exec(start)?.[1]].filter(
    (id): id is string => id !== undefined,
  );
}

const NONE: WebhookAuthentication = { verdict: 'invalid', channelIds: [] };

/**
 * Meta's webhook authentication over many channels: `X-Hub-Signature-256` is checked against each
 * distinct app secret (every channel's current and previous), first those of the channel whose
 * account or WABA id the body names first (see `accountHints`), so a webhook costs one HMAC however many apps there
 * are. The channels holding the secret that verified are the ones it proved.
 */
export function createMetaKeyring(keys: readonly ChannelKey[]): WebhookKeyring {
  const holders = new Map<string, number[]>();
  const byAccount = new Map<string, string[]>();
  for (const key of keys) {
    for (const secret of key.secrets.appSecrets ?? []) {
      if (secret === '') continue;
      holders.set(secret, [...(holders.get(secret) ?? []), key.channelId]);
      for (const id of [key.accountId, key.wabaId]) {
        if (id) byAccount.set(id, [...(byAccount.get(id) ?? []), secret]);
      }
    }
  }
  const allSecrets = [...holders.keys()];
  const verifyTokens = keys.map((key) => key.secrets.verifyToken).filter((token): token is string => Boolean(token));

  function authenticate(request: WebhookRequest): WebhookAuthentication {
    const signature = readMetaSignature(request);
    if (signature === 'missing') return { verdict: 'missing', channelIds: [] };
    if (signature === 'invalid') return NONE;
    const hinted = accountHints(request.rawBody).flatMap((hint) => byAccount.get(hint) ?? []);
    const ordered = new Set([...hinted, ...allSecrets]);
    for (const secret of ordered) {
      const expected = createHmac('sha256', secret).update(request.rawBody).digest();
      if (timingSafeEqual(signature, expected)) return { verdict: 'valid', channelIds: holders.get(secret) ?? [] };
    }
    return NONE;
  }

  /** Every token is compared (no early exit), so the time taken says nothing about which matched. */
  function handshake(query: Record<string, unknown>): HandshakeResult {
    const mode = query['hub.mode'];
    const token = query['hub.verify_token'];
    const challenge = query['hub.challenge'];
    if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return { ok: false };
    let matched = false;
    for (const verifyToken of verifyTokens) matched = safeEqual(token, verifyToken) || matched;
    return matched ? { ok: true, challenge } : { ok: false };
  }

  return { authenticate, handshake };
}
