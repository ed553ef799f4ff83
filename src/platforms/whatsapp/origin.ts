import type { EntryScope } from '../meta/envelope.js';
import type { ItemOrigin } from '../meta/items.js';
import { objectsAt, textAt, withoutUndefined, type Untrusted } from '../meta/json.js';
import { metaTimeToIso } from '../meta/timestamp.js';
import type { WhatsAppValue } from './types.js';

/** One `value` being read: the business phone number it reached and the entry it came in. */
export interface ValueScope {
  value: Untrusted<WhatsAppValue>;
  /** `metadata.phone_number_id`: the account every item of this value belongs to. */
  account: string;
  entry: EntryScope;
  path: string;
}

/**
 * Who and when for one element of a value. `user` is the customer, by phone number (wa_id)
 * or, for users known only by a business-scoped id, by that BSUID.
 */
export function whatsAppOrigin(
  scope: ValueScope,
  element: unknown,
  sides: { from: string | undefined; user: string | undefined; outbound?: boolean; timestamp: unknown },
): ItemOrigin {
  return {
    account: scope.account,
    from: sides.from ?? null,
    conversationKey: sides.user ?? null,
    direction: sides.outbound ? 'outbound' : 'inbound',
    // WhatsApp entries carry no time: the fallback is when the body was received.
    timestamp: metaTimeToIso(sides.timestamp) ?? scope.entry.time,
    raw: element,
  };
}

/** The sender's profile from `value.contacts`, matched by phone number or BSUID, for renderers. */
export function profileOf(scope: ValueScope, user: string | undefined): Record<string, unknown> | undefined {
  if (user === undefined) return undefined;
  const contact = objectsAt(scope.value, 'contacts').find(
    (candidate) => textAt(candidate, 'wa_id') === user || textAt(candidate, 'user_id') === user,
  );
  const profile = contact?.profile as Untrusted<{ name: string; username: string }> | undefined;
  const found = withoutUndefined({ name: textAt(profile, 'name'), username: textAt(profile, 'username') });
  return Object.keys(found).length > 0 ? found : undefined;
}
