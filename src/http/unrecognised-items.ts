import type { InboundItem } from '../platforms/types.js';

/** Items the adapters kept but could not classify: stored raw, and worth a look at the parsers. */
export function isUnrecognised(item: InboundItem): boolean {
  return item.content?.kind === 'unsupported' || (item.kind === 'event' && item.type === 'unknown');
}
