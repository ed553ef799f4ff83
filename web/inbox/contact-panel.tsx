import { Fragment } from 'preact';
import type { ContactDetails } from '../api-types.js';
import { contactRows, otherConversations } from '../contact-view.js';
import { Link } from '../link.js';
import { STRINGS } from '../strings.js';

const S = STRINGS.contact;

/**
 * Who the conversation is with: its profile picture, names, channel and ids, the person's merged
 * identities on other platforms, and their other conversations (merged contacts' too), each a link.
 */
export function ContactPanel({ contact, conversationId }: { contact: ContactDetails | null; conversationId: number }) {
  const others = otherConversations(contact, conversationId);
  return (
    <aside id="contact" aria-label={S.title}>
      <h3>{S.title}</h3>
      <dl id="contact-details">
        {contact?.avatarUrl ? (
          <>
            <dt>{S.picture}</dt>
            <dd>
              <img src={contact.avatarUrl} alt={contact.displayName ?? S.picture} width={48} height={48} />
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
              {others.map(({ id, label }) => (
                <Link key={id} href={`/conversations/${id}`} class="other-conversation" data-id={String(id)}>
                  {label}
                </Link>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </aside>
  );
}
