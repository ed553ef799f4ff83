import type { OmniConfig } from '../config/load-config.js';
import { DEFAULT_MEDIA_MAX_BYTES } from '../config/variables.js';
import type { OutboundPolicy } from '../net/outbound-policy.js';
import { PLATFORMS, platformFor } from '../platforms/registry.js';
import type { PlatformName } from '../platforms/types.js';

/** The platforms' own media hosts (Graph API, WhatsApp's lookaside, Meta's and Instagram's CDNs, Telegram), as each platform names them. */
export const DEFAULT_MEDIA_HOSTS: readonly string[] = [
  ...new Set(Object.values(PLATFORMS).flatMap((platform) => platform.mediaHosts)),
];

/** The download cap for one attachment: MEDIA_MAX_BYTES when set, else the platform's own limit for its kind. */
export function mediaByteLimit(config: OmniConfig, platform: PlatformName, kind: string): number {
  if (config.media.maxBytes !== undefined) return config.media.maxBytes;
  return platformFor(platform).mediaLimits[kind] ?? DEFAULT_MEDIA_MAX_BYTES;
}

/**
 * Where media downloads may go: the platforms' hosts, the configured API base URLs' hosts and
 * MEDIA_ALLOWED_HOSTS; private addresses only for MEDIA_PRIVATE_HOSTS. A download, headers and
 * body, gets 30 s; a CDN's redirect or two is followed, each hop checked.
 */
export function mediaOutboundPolicy(config: OmniConfig): OutboundPolicy {
  const apiHosts = [config.graphApi.baseUrl, config.telegramApi.baseUrl].map((url) => new URL(url).host);
  return {
    allowedHosts: [...DEFAULT_MEDIA_HOSTS, ...apiHosts, ...config.media.extraAllowedHosts],
    privateHosts: config.media.privateHosts,
    maxRedirects: 3,
    timeoutMs: 30_000,
  };
}
