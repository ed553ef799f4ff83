import type { ExtractResult } from '../types.js';
import { createCollector } from '../meta/collector.js';
import { eachChange, walkEntries } from '../meta/envelope.js';
import { readEntryMessaging } from '../meta/messaging/read-item.js';
import { readInstagramChange } from './changes.js';
import { readInstagramAttachments } from './normalise.js';

/**
 * Splits an Instagram webhook body (object `instagram`) into items: direct messages, seen
 * statuses and events from `messaging[]`; comments, mentions and dashboard tests from `changes`.
 */
export function extractInstagram(body: unknown, receivedAt?: string): ExtractResult {
  const collector = createCollector(receivedAt);
  walkEntries(body, 'instagram', collector, (scope) => {
    readEntryMessaging(scope, collector, readInstagramAttachments);
    eachChange(scope, collector, (change) => readInstagramChange(change, scope, collector));
  });
  return collector.result();
}
