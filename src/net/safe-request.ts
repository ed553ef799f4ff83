import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import { OmniError } from '../errors.js';
import { inClientSpan } from './client-span.js';
import {
  hostOf,
  isAllowedHost,
  isPrivateHostAllowed,
  isPublicAddress,
  type OutboundPolicy,
} from './outbound-policy.js';

export interface SafeRequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * Headers sent to the first host only (a platform token): never forwarded along a redirect, which
   * may lead to a CDN or anywhere else.
   */
  firstHopHeaders?: Record<string, string>;
}

export interface SafeResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
  /** The URL that answered, after redirects. */
  url: URL;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function refused(url: URL, why: string): OmniError {
  return new OmniError('OMNI_ERR_OUTBOUND_REFUSED', `refused ${url.protocol}//${url.host}: ${why}`);
}

/**
 * A DNS lookup that fails when any address of the name is not public, so a name cannot smuggle a
 * request to 127.0.0.1 or the metadata service — checked at connect time, which also defeats DNS
 * rebinding between a check and the connection.
 */
function publicOnlyLookup(
  hostname: string,
  options: object,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked)
      return callback(
        Object.assign(new Error(`${hostname} resolves to a non-public address ${blocked.address}`), {
          code: 'OMNI_PRIVATE_ADDRESS',
        }),
        [],
      );
    const all = (options as { all?: boolean }).all;
    return all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family);
  });
}

const publicAgent = new Agent({ connect: { lookup: publicOnlyLookup }, keepAliveTimeout: 10_000 });
const privateAgent = new Agent({ keepAliveTimeout: 10_000 });

/** Checks one hop before connecting: scheme, allowlist, and an address literal's range. */
function checkHop(policy: OutboundPolicy, url: URL): Dispatcher {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused(url, 'only http and https');
  if (url.username || url.password) throw refused(url, 'credentials in the URL');
  if (isPrivateHostAllowed(policy, url)) return privateAgent;
  if (!isAllowedHost(policy, url)) throw refused(url, 'host not allowed');
  const { hostname } = hostOf(url);
  if (isIP(hostname) && !isPublicAddress(hostname)) throw refused(url, 'not a public address');
  return publicAgent;
}

/**
 * An outgoing HTTP request that only reaches where the policy allows, hop by hop: redirects are
 * followed by hand (at most `maxRedirects`), each target checked like the first, and names resolving
 * to private ranges refused at connect time. The caller reads (and must consume or destroy) `body`.
 * Refusals throw `OMNI_ERR_OUTBOUND_REFUSED`; network failures and timeouts throw as they are.
 */
export function safeRequest(
  target: string | URL,
  policy: OutboundPolicy,
  options: SafeRequestOptions = {},
): Promise<SafeResponse> {
  return inClientSpan(
    options.method ?? 'GET',
    target,
    () => followHops(target, policy, options),
    (response) => response.statusCode,
  );
}

async function followHops(
  target: string | URL,
  policy: OutboundPolicy,
  options: SafeRequestOptions,
): Promise<SafeResponse> {
  let url = new URL(target);
  const signal = AbortSignal.timeout(policy.timeoutMs);
  let method = options.method ?? 'GET';
  let body = options.body;
  for (let hop = 0; ; hop += 1) {
    const dispatcher = checkHop(policy, url);
    const headers = { ...options.headers, ...(hop === 0 ? options.firstHopHeaders : {}) };
    const response = await request(url, { method, headers, body, dispatcher, signal }).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'OMNI_PRIVATE_ADDRESS') throw refused(url, (error as Error).message);
      throw error;
    });
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode) || typeof location !== 'string') {
      return { statusCode: response.statusCode, headers: response.headers, body: response.body, url };
    }
    await response.body.dump();
    if (hop >= policy.maxRedirects) throw refused(url, `more than ${policy.maxRedirects} redirects`);
    url = new URL(location, url);
    // As browsers do: a 303, or a 301/302 after a POST, continues as a GET without the body.
    if (
      response.statusCode === 303 ||
      (method === 'POST' && response.statusCode !== 307 && response.statusCode !== 308)
    ) {
      method = 'GET';
      body = undefined;
    }
  }
}
