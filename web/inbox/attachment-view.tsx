import type { Attachment } from '../api-types.js';
import { attachmentShape } from '../format.js';

/** One attachment as attachmentShape words it. Message data reaches the page as text and attributes only. */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
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
