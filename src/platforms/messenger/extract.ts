import type { ExtractResult } from '../types.js';
import { createCollector } from '../meta/collector.js';
import { eachChange, walkEntries } from '../meta/envelope.js';
import { readChangeAsUnknown } from '../meta/changes.js';
import { readEntryMessaging } from '../meta/messaging/read-item.js';
import { readMessengerAttachments } from './normalise.js';

/**
 * Splits a Messenger webhook body (object `page`) into items: messages, delivery statuses and
 * events from `messaging[]` / `standby[]`; other Graph `changes` are kept as `unknown` events.
 */
export function extractMessenger(body: unknown, receivedAt?: string): ExtractResult {
  const collector = createCollector(receivedAt);
  walkEntries(body, 'page', collector, (scope) => {
    readEntryMessaging(scope, collector, readMessengerAttachments);
    eachChange(scope, collector, (change) => readChangeAsUnknown(change, scope, collector));
  });
  return collector.result();
}
