import { createMetaAdapter, type MetaAdapterConfig } from '../meta/adapter.js';
import type { PlatformAdapter } from '../types.js';
import { extractWhatsApp } from './extract.js';

/** The WhatsApp Cloud API adapter: Meta signature and handshake, bodies read by `extractWhatsApp`. */
export function createWhatsAppAdapter(config: MetaAdapterConfig): PlatformAdapter {
  return createMetaAdapter({ name: 'whatsapp', ...config, extract: (body) => extractWhatsApp(body) });
}
