import type { ConversationSummary } from '../api-types.js';
import { channelLabel, contactLabel, formatDateTime, formatListTime, initials } from '../format.js';
import { Link } from '../link.js';
import { STRINGS } from '../strings.js';

/** A contact's picture, or its initials when it has none; beside its name, so hidden from screen readers. */
export function Avatar({ label, url }: { label: string; url: string | null }) {
  return (
    <span class="avatar" aria-hidden="true">
      {url ? <img src={url} alt="" width={32} height={32} /> : initials(label)}
    </span>
  );
}

/**
 * One conversation in the list: the contact's name and avatar, the platform's mark and the
 * channel's name, the time and a preview of the last message, whether it is unread, its assignee
 * and its labels. The list item around it is the virtual list's.
 */
export function ConversationRow({ conversation: c, open }: { conversation: ConversationSummary; open: boolean }) {
  const name = contactLabel(c);
  const classes = `conversation${c.unread ? ' unread' : ''}${c.status === 'closed' ? ' closed' : ''}`;
  return (
    <Link
      href={`/conversations/${c.id}`}
      class={classes}
      data-id={String(c.id)}
      aria-current={open ? 'true' : undefined}
    >
      <Avatar label={name} url={c.contactAvatarUrl} />
      <span class="contact">{name}</span>
      <span class="time" title={formatDateTime(c.lastMessageAt)}>
        {formatListTime(c.lastMessageAt, new Date())}
      </span>
      <span class="platform">
        <span class={`platform-mark ${c.platform}`} aria-hidden="true" />
        {`${c.platform} · ${channelLabel(c.channel)}`}
        {/* In the platform's line: the virtual list's rows keep one height. */}
        {c.labels.length > 0 ? <span class="row-labels">{c.labels.join(' · ')}</span> : null}
      </span>
      <span class="badge">{c.unread ? STRINGS.inbox.unread : ''}</span>
      <span class="preview">{c.lastMessage?.text ?? ''}</span>
      <span class="row-assignee">{c.assignee ? STRINGS.inbox.assignedTo(c.assignee.name) : ''}</span>
    </Link>
  );
}
