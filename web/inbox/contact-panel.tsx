import { Fragment } from 'preact';
import type { ContactDetails } from '../api-types.js';
import { formatDateTime } from '../format.js';
import { Link } from '../link.js';
import { STRINGS } from '../strings.js';

const S = STRINGS.contact;

/** The rows of the contact panel, term and value. */
function contactRows(contact: ContactDetails | null): [string, string][] {
  if (!contact) return [[STRINGS.contact.title, S.unknown]];
  const rows: [string, string][] = [
    [S.name, contact.displayName ?? S.none],
    [S.username, contact.username ?? S.none],
    [S.platform, contact.platform],
    [S.account, contact.account ?? S.none],
    [S.platformId, contact.externalId],
    [S.firstSeen, formatDateTime(contact.createdAt)],
    [S.conversations, String(contact.conversationIds.length)],
  ];
  if (contact.mergedContacts.length > 0) {
    const others = contact.mergedContacts.map((m) => m.platform + (m.displayName ? ` (${m.displayName})` : ''));
    rows.push([S.alsoOn, others.join(', ')]);
  }
  return rows;
}

/** Who the conversation is with: its profile picture, ids and names, and its other conversations (merged contacts' too). */
export function ContactPanel({ contact, conversationId }: { contact: ContactDetails | null; conversationId: number }) {
  const others = (contact?.conversationIds ?? []).filter((id) => id !== conversationId);
  return (
    <aside id="contact">
      <h3>{S.title}</h3>
      <dl id="contact-details">
        {contact?.avatarUrl ? (
          <>
            <dt>{S.picture}</dt>
            <dd>
              <img src={contact.avatarUrl} alt="" width={48} height={48} />
            </dd>
          </>
        ) : null}
        {contactRows(contact).map(([term, value]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
        {others.length > 0 ? (
          <>
            <dt>{S.otherConversations}</dt>
            <dd>
              {others.map((id) => (
                <Link key={id} href={`/conversations/${id}`} class="other-conversation" data-id={String(id)}>
                  {S.conversation(id)}
                </Link>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </aside>
  );
}
