import type { OmniConfig } from '../config/load-config.js';
import { DEFAULT_MEDIA_MAX_BYTES } from '../config/variables.js';
import type { OutboundPolicy } from '../net/outbound-policy.js';

const MB = 1024 * 1024;

/** The platforms' own media hosts: Graph API, WhatsApp's lookaside, Meta's and Instagram's CDNs, Telegram. */
export const DEFAULT_MEDIA_HOSTS = [
  'graph.facebook.com',
  'lookaside.fbsbx.com',
  '*.fbsbx.com',
  '*.fbcdn.net',
  '*.cdninstagram.com',
  'api.telegram.org',
] as const;

/** WhatsApp's own upload limits per kind: nothing larger can be a genuine WhatsApp attachment. */
export const WHATSAPP_MEDIA_LIMITS: Record<string, number> = {
  image: 5 * MB,
  audio: 16 * MB,
  voice: 16 * MB,
  video: 16 * MB,
  document: 100 * MB,
  sticker: 500 * 1024,
};

/** The download cap for one attachment: MEDIA_MAX_BYTES when set, else the platform's own limit for its kind. */
export function mediaByteLimit(config: OmniConfig, platform: string, kind: string): number {
  if (config.media.maxBytes !== undefined) return config.media.maxBytes;
  return (platform === 'whatsapp' ? WHATSAPP_MEDIA_LIMITS[kind] : undefined) ?? DEFAULT_MEDIA_MAX_BYTES;
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
