import { createMetaAdapter, type MetaAdapterConfig } from '../meta/adapter.js';
import type { PlatformAdapter } from '../types.js';
import { extractMessenger } from './extract.js';

/** The Messenger adapter: Meta signature and handshake, `page` bodies read by `extractMessenger`. */
export function createMessengerAdapter(config: MetaAdapterConfig): PlatformAdapter {
  return createMetaAdapter({ name: 'messenger', ...config, extract: (body) => extractMessenger(body) });
}
