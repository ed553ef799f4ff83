// What the contact panel lists, decided from the API's contact alone: pure, tested by calling it
// (test/web/contact-view.test.ts).

import type { ContactDetails, PersonConversation } from './api-types.js';
import { channelLabel, formatDateTime } from './format.js';
import { STRINGS } from './strings.js';

const S = STRINGS.contact;

/** The rows of the contact panel, term and value: who it is, where, by which ids, and its merged identities. */
export function contactRows(contact: ContactDetails | null, locale?: string, timeZone?: string): [string, string][] {
  if (!contact) return [[S.title, S.unknown]];
  const rows: [string, string][] = [
    [S.name, contact.displayName ?? S.none],
    [S.username, contact.username ?? S.none],
    [S.platform, contact.platform],
    [S.channel, channelLabel(contact.channel)],
    [S.account, contact.account ?? S.none],
    [S.platformId, contact.externalId],
  ];
  if (contact.otherIds.length > 0) rows.push([S.otherIds, contact.otherIds.join(', ')]);
  rows.push(
    [S.firstSeen, formatDateTime(contact.createdAt, locale, timeZone)],
    [S.conversations, String(contact.conversations.length)],
  );
  if (contact.mergedContacts.length > 0) {
    const others = contact.mergedContacts.map((m) => S.mergedContact(m.platform, m.externalId, m.displayName));
    rows.push([S.alsoOn, others.join(', ')]);
  }
  return rows;
}

/** The person's conversations but the open one, each named by its platform, channel and whether closed. */
export function otherConversations(
  contact: ContactDetails | null,
  openId: number,
): { id: number; label: string; conversation: PersonConversation }[] {
  return (contact?.conversations ?? [])
    .filter((c) => c.id !== openId)
    .map((c) => ({
      id: c.id,
      label: S.conversationLink(c.platform, channelLabel(c.channel), c.status === 'closed'),
      conversation: c,
    }));
}
