import ipaddr from 'ipaddr.js';

/**
 * Where Omni's outgoing requests (media downloads, subscribed endpoints) may go. Hosts are matched
 * as `host`, `host:port` or `*.domain` (any subdomain); every hop of a redirect chain is checked.
 */
export interface OutboundPolicy {
  /** The only hosts a request may reach; unset means any host with a public address. */
  allowedHosts?: readonly string[];
  /**
   * Hosts allowed to be on private, loopback or link-local addresses — a local test server, an
   * internal service — named explicitly; nothing else may resolve there.
   */
  privateHosts?: readonly string[];
  /** Redirects followed before giving up (each to a checked hop). */
  maxRedirects: number;
  /** The whole exchange, headers and body, must finish within this. */
  timeoutMs: number;
}

/** Matches `host` or `host:port` against one pattern; a pattern without a port matches any port. */
function matches(pattern: string, hostname: string, port: string): boolean {
  const [patternHost, patternPort] = splitHostPort(pattern.toLowerCase());
  if (patternPort !== undefined && patternPort !== port) return false;
  if (patternHost.startsWith('*.')) return hostname.endsWith(patternHost.slice(1));
  return hostname === patternHost;
}

function splitHostPort(pattern: string): [string, string | undefined] {
  if (pattern.startsWith('[')) {
    const end = pattern.indexOf(']');
    const port = pattern.slice(end + 1).replace(/^:/, '');
    return [pattern.slice(1, end), port || undefined];
  }
  const colon = pattern.lastIndexOf(':');
  return colon > 0 && pattern.indexOf(':') === colon
    ? [pattern.slice(0, colon), pattern.slice(colon + 1)]
    : [pattern, undefined];
}

/** The URL's host without IPv6 brackets, and its effective port. */
export function hostOf(url: URL): { hostname: string; port: string } {
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return { hostname, port };
}

export function isAllowedHost(policy: OutboundPolicy, url: URL): boolean {
  if (!policy.allowedHosts) return true;
  const { hostname, port } = hostOf(url);
  return policy.allowedHosts.some((pattern) => matches(pattern, hostname, port));
}

export function isPrivateHostAllowed(policy: OutboundPolicy, url: URL): boolean {
  const { hostname, port } = hostOf(url);
  return (policy.privateHosts ?? []).some((pattern) => matches(pattern, hostname, port));
}

/**
 * Only ordinary public unicast addresses: not private, loopback, link-local (169.254.169.254, the
 * cloud metadata service), unique-local, carrier-grade NAT, multicast, reserved or unspecified.
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}
