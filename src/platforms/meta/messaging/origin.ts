import { reject } from '../collector.js';
import type { EntryScope } from '../envelope.js';
import { flagAt, objectAt, textAt, type Untrusted } from '../json.js';
import type { ItemOrigin } from '../items.js';
import { metaTimeToIso } from '../timestamp.js';
import type { MessagingItem } from './types.js';

/**
 * The business is the recipient of what customers do and the sender of its own echoes.
 * When the item names no business (Instagram sends some edits without sender and recipient),
 * the entry id stands in: it is the page or IG account the entry was delivered for.
 * The conversation is keyed by the customer: the sender inbound, the recipient of echoes.
 */
export function messagingOrigin(item: Untrusted<MessagingItem>, scope: EntryScope): ItemOrigin {
  const sender = partyId(item, 'sender');
  const recipient = partyId(item, 'recipient');
  const echo = flagAt(objectAt(item, 'message'), 'is_echo');
  const business = echo ? sender : recipient;
  const customer = echo ? recipient : sender;
  const account = business ?? scope.id ?? reject('no business id: neither recipient.id nor entry.id');
  return {
    account,
    from: sender ?? null,
    conversationKey: customer ?? null,
    direction: echo ? 'outbound' : 'inbound',
    timestamp: metaTimeToIso(item.timestamp) ?? scope.time,
    raw: item,
  };
}

function partyId(item: Untrusted<MessagingItem>, side: 'sender' | 'recipient'): string | undefined {
  const party = objectAt(item, side);
  return textAt(party, 'id') ?? textAt(party, 'user_ref');
}
