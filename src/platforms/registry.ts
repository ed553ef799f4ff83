import type { PlatformSecrets } from '../config/load-config.js';
import { createInstagramAdapter } from './instagram/adapter.js';
import { createMessengerAdapter } from './messenger/adapter.js';
import { createTelegramAdapter } from './telegram/adapter.js';
import type { PlatformAdapter, PlatformName } from './types.js';
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

/**
 * Extraction alone, for `omni parse` and reprocessing: parsing needs no secret, so the adapters are
 * built with empty ones that are never used to verify anything.
 */
export function extractorFor(platform: PlatformName): PlatformAdapter['extract'] {
  const meta = { appSecret: '', verifyToken: '' };
  const adapter = createAdapterRegistry({ whatsapp: meta, messenger: meta, instagram: meta, telegram: { secretToken: '' } }).get(platform)!;
  return (body) => adapter.extract(body);
}
