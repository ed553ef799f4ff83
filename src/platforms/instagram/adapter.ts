import { createMetaAdapter, type MetaAdapterConfig } from '../meta/adapter.js';
import type { PlatformAdapter } from '../types.js';
import { extractInstagram } from './extract.js';

/** The Instagram adapter: Meta signature and handshake, `instagram` bodies read by `extractInstagram`. */
export function createInstagramAdapter(config: MetaAdapterConfig): PlatformAdapter {
  return createMetaAdapter({ name: 'instagram', ...config, extract: (body) => extractInstagram(body) });
}
