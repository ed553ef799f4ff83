import { isIP } from 'node:net';
import type { EndpointDeliveryConfig } from '../config/load-config.js';
import { OmniError } from '../errors.js';
import { hostOf, isPrivateHostAllowed, isPublicAddress, type OutboundPolicy } from '../net/outbound-policy.js';

/**
 * Where deliveries may go: any public address, private ones only for the hosts in
 * `ENDPOINT_PRIVATE_HOSTS`. Redirects are not followed: a signed POST is meant for the URL that was
 * subscribed (a 301/302 would also turn it into a bodiless GET), so a redirect fails the delivery.
 */
export function endpointPolicy(config: EndpointDeliveryConfig): OutboundPolicy {
  return { privateHosts: config.privateHosts, maxRedirects: 0, timeoutMs: config.timeoutMs };
}

/**
 * Checks a URL when it is subscribed, so a mistake shows at once instead of as failed deliveries:
 * http(s) only, no credentials, and no literal private or loopback address the policy would refuse.
 * A name is judged again at every delivery, where it is resolved.
 */
export function checkEndpointUrl(url: string, policy: OutboundPolicy): URL {
  if (!URL.canParse(url)) throw invalidUrl(url, 'not a URL');
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw invalidUrl(url, 'only http and https endpoints');
  if (parsed.username || parsed.password) throw invalidUrl(url, 'credentials do not belong in the URL');
  const { hostname } = hostOf(parsed);
  if (isIP(hostname) && !isPublicAddress(hostname) && !isPrivateHostAllowed(policy, parsed)) {
    throw invalidUrl(url, `${hostname} is not a public address; allow it with ENDPOINT_PRIVATE_HOSTS`);
  }
  return parsed;
}

function invalidUrl(url: string, why: string): OmniError {
  return new OmniError('OMNI_ERR_ENDPOINT_INVALID', `${url}: ${why}`);
}
