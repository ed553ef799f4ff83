import { isIP } from 'node:net';
import { OmniError } from '../errors.js';

/** Names Fastify's `trustProxy` (proxy-addr) takes for whole address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Fastify's `trustProxy` takes it: a hop count, or the addresses and CIDRs of the
 * proxies. `true` (believe any sender) is refused: a client could then name its own address and
 * dodge the login limit, or claim HTTPS.
 */
export function parseTrustProxy(value: string): number | string[] {
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const wrong = entries.find((entry) => !isAddressOrCidr(entry));
  if (entries.length === 0 || wrong !== undefined) {
    throw new OmniError(
      'OMNI_ERR_CONFIG_INVALID',
      `TRUST_PROXY must be a hop count or a comma list of addresses and CIDRs (or loopback, linklocal, uniquelocal)${wrong === undefined ? '' : `, not "${wrong}"`}`,
    );
  }
  return entries;
}
