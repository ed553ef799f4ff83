import type { PlatformSecrets } from '../config/load-config.js';
import { createInstagramAdapter } from './instagram/adapter.js';
import { createMessengerAdapter } from './messenger/adapter.js';
import { createTelegramAdapter } from './telegram/adapter.js';
import { extractInstagram } from './instagram/extract.js';
import { extractMessenger } from './messenger/extract.js';
import { extractTelegramUpdate } from './telegram/extract.js';
import type { ExtractResult, PlatformAdapter, PlatformName } from './types.js';
import { extractWhatsApp } from './whatsapp/extract.js';
import { createWhatsAppAdapter } from './whatsapp/adapter.js';

export type AdapterRegistry = ReadonlyMap<PlatformName, PlatformAdapter>;

/** The enabled adapters: a platform without its secret is absent, so its webhooks answer 404. */
export function createAdapterRegistry(platforms: PlatformSecrets): AdapterRegistry {
  const adapters = new Map<PlatformName, PlatformAdapter>();
  if (platforms.whatsapp) adapters.set('whatsapp', createWhatsAppAdapter(platforms.whatsapp));
  if (platforms.messenger) adapters.set('messenger', createMessengerAdapter(platforms.messenger));
  if (platforms.instagram) adapters.set('instagram', createInstagramAdapter(platforms.instagram));
  if (platforms.telegram) adapters.set('telegram', createTelegramAdapter(platforms.telegram));
  return adapters;
}

const EXTRACTORS: Record<PlatformName, (body: unknown) => ExtractResult> = {
  whatsapp: (body) => extractWhatsApp(body),
  messenger: (body) => extractMessenger(body),
  instagram: (body) => extractInstagram(body),
  telegram: (body) => extractTelegramUpdate(body),
};

/** Extraction alone, which needs no secret: for `omni parse` and reprocessing stored bodies. */
export function extractorFor(platform: PlatformName): (body: unknown) => ExtractResult {
  return EXTRACTORS[platform];
}
