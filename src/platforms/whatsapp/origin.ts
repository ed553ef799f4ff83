import type { EntryScope } from '../meta/envelope.js';
import type { ItemOrigin } from '../meta/items.js';
import { objectsAt, textAt, withoutUndefined, type Untrusted } from '../meta/json.js';
import { metaTimeToIso } from '../meta/timestamp.js';
import type { WhatsAppPerson } from './identity.js';
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
 * or, for users known only by a business-scoped id, by that BSUID; `person` adds the customer's
 * other ids.
 */
export function whatsAppOrigin(
  scope: ValueScope,
  element: unknown,
  sides: {
    from: string | undefined;
    user: string | undefined;
    person?: WhatsAppPerson;
    outbound?: boolean;
    timestamp: unknown;
  },
): ItemOrigin {
  const aliases = sides.person?.aliases ?? [];
  return {
    account: scope.account,
    from: sides.from ?? null,
    conversationKey: sides.user ?? null,
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(sides.person?.replaces !== undefined ? { replaces: sides.person.replaces } : {}),
    direction: sides.outbound ? 'outbound' : 'inbound',
    // WhatsApp entries carry no time: the fallback is when the body was received.
    timestamp: metaTimeToIso(sides.timestamp) ?? scope.entry.time,
    raw: element,
  };
}

/**
 * The sender's profile from `value.contacts` (its name, and its username when the user set one),
 * matched by any of the person's ids, for renderers and the contact's name.
 */
export function profileOf(scope: ValueScope, person: WhatsAppPerson): Record<string, unknown> | undefined {
  const ids = [person.id, ...person.aliases, person.replaces].filter((id) => id !== undefined);
  if (ids.length === 0) return undefined;
  const contact = objectsAt(scope.value, 'contacts').find((candidate) =>
    ids.some((id) => textAt(candidate, 'wa_id') === id || textAt(candidate, 'user_id') === id),
  );
  const profile = contact?.profile as Untrusted<{ name: string; username: string }> | undefined;
  const found = withoutUndefined({ name: textAt(profile, 'name'), username: textAt(profile, 'username') });
  return Object.keys(found).length > 0 ? found : undefined;
}
