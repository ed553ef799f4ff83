import type { Attachment, Message } from '../api-types.js';
import { attachmentShape, formatTime, messageKind, tick } from '../format.js';
import { STRINGS } from '../strings.js';

/** One attachment as attachmentShape words it. Message data reaches the page as text and attributes only. */
function AttachmentView({ attachment }: { attachment: Attachment }) {
  const shape = attachmentShape(attachment);
  switch (shape.as) {
    case 'text':
      return (
        <span class={`attachment ${shape.className}`} title={shape.title}>
          {shape.text}
        </span>
      );
    case 'image':
      return <img class="attachment" src={shape.src} alt={shape.kind} />;
    // A customer's voice note or video comes with no caption track to offer.
    case 'audio':
      // biome-ignore lint/a11y/useMediaCaption: the platform sends no captions
      return <audio class="attachment" src={shape.src} controls preload="metadata" />;
    case 'video':
      // biome-ignore lint/a11y/useMediaCaption: the platform sends no captions
      return <video class="attachment" src={shape.src} controls preload="metadata" />;
    case 'document':
      return (
        <a class="attachment document" href={shape.src} download={shape.filename}>
          {shape.text}
        </a>
      );
  }
}

/** What a message shows: its text, its media (or a placeholder before Omni has fetched any), or a reaction's emoji. */
function MessageBody({ message: m }: { message: Message }) {
  const content = m.content ?? {};
  const kind = m.contentKind ?? content.kind ?? m.type;
  switch (messageKind(m)) {
    case 'reaction':
      return (
        <span class="reaction" title={STRINGS.thread.reaction}>
          {content.reaction?.emoji ?? m.text ?? ''}
        </span>
      );
    case 'media': {
      const caption = content.caption ?? m.text;
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
      return <span class="text">{m.text ?? `[${kind}]`}</span>;
  }
}

/** A message bubble: in or out, its body, its time and, for one Omni sent, its delivery tick. */
export function MessageItem({ message: m }: { message: Message }) {
  const delivery = tick(m);
  return (
    <li class={`message ${m.direction}`} data-id={String(m.id)} data-kind={m.contentKind ?? m.type}>
      <MessageBody message={m} />
      <span class="meta">
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
