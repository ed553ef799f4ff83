import type { Message } from '../api-types.js';
import { formatDateTime, formatTime, tick } from '../format.js';
import { mapLink, messageKind, quoteOf, reactionChips, shownText } from '../message-view.js';
import { STRINGS } from '../strings.js';
import { AttachmentView } from './attachment-view.js';

const S = STRINGS.thread;

/** What a message shows: its text, its media (or a placeholder before Omni has fetched any), a place, or a reaction's emoji. */
function MessageBody({ message: m }: { message: Message }) {
  const content = m.content ?? {};
  const kind = m.contentKind ?? content.kind ?? m.type;
  const text = shownText(m);
  switch (messageKind(m)) {
    case 'reaction':
      return (
        <span class="reaction" title={S.reaction}>
          {content.reaction?.emoji ?? text ?? ''}
        </span>
      );
    case 'location': {
      const link = content.location ? mapLink(content.location) : null;
      if (!link) return <span class="text">{`[${kind}]`}</span>;
      if (link.href === null) return <span class="location">{`📍 ${link.label}`}</span>;
      return (
        <a class="location" href={link.href} target="_blank" rel="noopener noreferrer" aria-label={S.onMap(link.label)}>
          {`📍 ${link.label}`}
        </a>
      );
    }
    case 'media': {
      const caption = content.caption ?? text;
      if (m.attachments.length === 0) {
        return <span class="media">{`[${kind} ${content.media?.id ?? ''}]${caption ? ` ${caption}` : ''}`}</span>;
      }
      return (
        <span class="media">
          {m.attachments.map((a) => (
            <AttachmentView key={a.id} attachment={a} />
          ))}
          {caption ? <span class="caption">{caption}</span> : null}
        </span>
      );
    }
    case 'text':
      return <span class="text">{text ?? `[${kind}]`}</span>;
  }
}

/** The message a reply answers, above it; a click shows the quoted bubble when the thread lists it. */
function QuoteView({ message: m }: { message: Message }) {
  if (!m.replyTo) return null;
  const quote = quoteOf(m.replyTo);
  const show = () =>
    document.querySelector(`.message[data-id="${quote.messageId}"]`)?.scrollIntoView({ block: 'center' });
  return (
    <blockquote class={`quote ${quote.direction ?? 'unknown'}`} aria-label={S.quote}>
      {quote.messageId === null ? (
        quote.text
      ) : (
        <button type="button" class="quoted" data-quoted-id={String(quote.messageId)} onClick={show}>
          {quote.text}
        </button>
      )}
    </blockquote>
  );
}

/**
 * A message bubble: in or out, the message it answers, its body (the latest edit's text), its
 * reactions, whether it was edited or deleted, its time and, for one Omni sent, its delivery tick.
 */
export function MessageItem({ message: m }: { message: Message }) {
  const delivery = tick(m);
  const chips = reactionChips(m.reactions);
  const classes = ['message', m.direction, m.deletedAt ? 'deleted' : '', m.edit ? 'edited' : ''];
  return (
    <li class={classes.filter(Boolean).join(' ')} data-id={String(m.id)} data-kind={m.contentKind ?? m.type}>
      <QuoteView message={m} />
      <MessageBody message={m} />
      {chips.length > 0 ? (
        <ul class="reactions" aria-label={S.reactions}>
          {chips.map((chip) => (
            <li key={chip.emoji} class="reaction-chip" title={chip.title}>
              {chip.count > 1 ? `${chip.emoji} ${chip.count}` : chip.emoji}
            </li>
          ))}
        </ul>
      ) : null}
      <span class="meta">
        {m.deletedAt ? (
          <span class="deleted-note" title={S.deletedAt(formatDateTime(m.deletedAt))}>
            {S.deleted}
          </span>
        ) : null}
        {m.edit ? (
          <span class="edited-note" title={S.editedAt(formatDateTime(m.edit.at))}>
            {S.edited}
          </span>
        ) : null}
        {formatTime(m.platformTimestamp)}
        {delivery ? (
          <span class={`tick ${m.deliveryStatus}`} title={delivery.title}>
            {delivery.mark}
          </span>
        ) : null}
      </span>
    </li>
  );
}
