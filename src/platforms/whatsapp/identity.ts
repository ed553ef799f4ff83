import { objectAt, textAt, type Untrusted } from '../meta/json.js';
import type { WhatsAppMessage } from './types.js';

/**
 * Who a WhatsApp element names, from Meta's business-scoped user id rules
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/):
 * the phone number when WhatsApp shares it (Meta recommends sending to it), else the BSUID; the
 * BSUID beside a phone number is an alias of the same person.
 */
export interface WhatsAppPerson {
  /** The id the item goes by: phone number, or BSUID when that is all there is. */
  id: string | undefined;
  /** The person's other ids in the same element. */
  aliases: string[];
  /** The BSUID this person had before (`user_changed_user_id`). */
  replaces?: string;
}

/** A phone number and a BSUID naming one person; either may be missing. */
export function personOf(phone: string | undefined, userId: string | undefined): WhatsAppPerson {
  return { id: phone ?? userId, aliases: phone !== undefined && userId !== undefined ? [userId] : [] };
}

/**
 * A message's sender. A `user_changed_user_id` system message names the user's new BSUID
 * (`system.user_id`) and the one it replaces (`system.previous_user_id`, else the message's
 * `from_user_id`): the sender is the new one, so the contact keeps one conversation under it.
 */
export function senderOf(message: Untrusted<WhatsAppMessage>): WhatsAppPerson {
  const phone = textAt(message, 'from');
  const userId = textAt(message, 'from_user_id');
  const notice = objectAt(message, 'system');
  const renamed = textAt(notice, 'type') === 'user_changed_user_id' ? textAt(notice, 'user_id') : undefined;
  if (renamed === undefined) return personOf(phone, userId);
  const previous = textAt(notice, 'previous_user_id') ?? userId;
  const person = personOf(phone, renamed);
  return previous !== undefined && previous !== renamed ? { ...person, replaces: previous } : person;
}
