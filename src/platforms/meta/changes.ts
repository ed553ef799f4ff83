import { reject, type Collector } from './collector.js';
import type { ChangeScope, EntryScope } from './envelope.js';
import { unknownEvent, type ItemOrigin } from './items.js';

/**
 * Where a `changes[]` element happened: the entry's account (WABA, page or IG account id)
 * and the entry's time, for fields that carry neither a business id nor a time of their own.
 */
export function changeOrigin(scope: EntryScope, change: ChangeScope): ItemOrigin {
  const account = scope.id ?? reject('entry has no id');
  return { account, from: null, conversationKey: null, direction: 'inbound', timestamp: scope.time, raw: change.raw };
}

/** A Graph field this adapter does not model (page feed, template updates...), kept as an `unknown` event. */
export function readChangeAsUnknown(change: ChangeScope, scope: EntryScope, collector: Collector): void {
  collector.add(unknownEvent(changeOrigin(scope, change), change.field ?? 'change'));
}
