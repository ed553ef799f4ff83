import { asShape, numberAt, objectAt, textAt, withoutUndefined } from '../meta/json.js';
import { createAttachmentReader, urlMedia, type AttachmentView, type Payload } from '../meta/messaging/attachments.js';
import type {
  MessengerFallbackPayload,
  MessengerLocationPayload,
  MessengerStickerPayload,
  MessengerTemplatePayload,
} from './types.js';

/**
 * A sticker: its own `sticker` type since June 2026, an `image` with a sticker_id before (the
 * "like" button too, sticker 369239263222822). Either way a sticker, its picture as its media.
 */
function sticker(payload: Payload): AttachmentView {
  const stickerId = textAt(asShape<MessengerStickerPayload>(payload), 'sticker_id');
  return withoutUndefined({ kind: 'sticker', media: urlMedia(payload), extra: withoutUndefined({ stickerId }) });
}

function image(payload: Payload): AttachmentView {
  if (textAt(asShape<MessengerStickerPayload>(payload), 'sticker_id') !== undefined) return sticker(payload);
  return withoutUndefined({ kind: 'image', media: urlMedia(payload) });
}

function location(payload: Payload): AttachmentView {
  const place = asShape<MessengerLocationPayload>(payload);
  const coordinates = objectAt(place, 'coordinates');
  const latitude = numberAt(coordinates, 'lat');
  const longitude = numberAt(coordinates, 'long');
  if (latitude === undefined || longitude === undefined)
    return { kind: 'unsupported', extra: { attachmentType: 'location' } };
  const where = withoutUndefined({ latitude, longitude, name: textAt(place, 'title'), url: textAt(place, 'url') });
  return { kind: 'location', location: where };
}

function fallback(payload: Payload): AttachmentView {
  const link = asShape<MessengerFallbackPayload>(payload);
  return { kind: 'share', extra: withoutUndefined({ title: textAt(link, 'title'), url: textAt(link, 'url') }) };
}

/** Templates only come back as echoes of the page's own sends; kept whole for a renderer. */
function template(payload: Payload): AttachmentView {
  const templateType = textAt(asShape<MessengerTemplatePayload>(payload), 'template_type');
  return { kind: 'unsupported', extra: withoutUndefined({ templateType, template: payload }) };
}

/**
 * Messenger's attachment types beyond the ones it shares with Instagram. From June 1 to August 30,
 * 2026 a sticker came twice, as `sticker` and as the legacy `image`; the image twin is left out.
 */
export const readMessengerAttachments = createAttachmentReader(
  { image, sticker, location, fallback, template },
  { sticker: 'image' },
);
