/**
 * Messenger Platform webhook bodies (object `page`), from Meta's reference:
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events
 * The `messaging[]` item format is shared with Instagram and lives in `meta/messaging/types.ts`.
 */
import type { GraphChange } from '../meta/envelope.js';
import type { MessagingItem } from '../meta/messaging/types.js';

export interface MessengerWebhookBody {
  object: 'page';
  entry: MessengerEntry[];
}

export interface MessengerEntry {
  /** The page id. */
  id: string;
  /** Milliseconds. */
  time: number;
  messaging?: MessagingItem[];
  /** Items delivered to a secondary receiver under the handover protocol. */
  standby?: MessagingItem[];
  /** Page feed and other Graph fields; Omni keeps them as `unknown` events. */
  changes?: GraphChange[];
}

/** Attachment types as Messenger sends them in `message.attachments[].type`. */
export type MessengerAttachmentType =
  | 'image'
  | 'audio'
  | 'video'
  | 'file'
  | 'location'
  | 'fallback'
  | 'template'
  | 'reel'
  | 'ig_reel';

/** `location` attachments (legacy, still sent by older clients). */
export interface MessengerLocationPayload {
  coordinates: { lat: number; long: number };
  title?: string;
  url?: string;
}

/** `fallback`: a shared link the platform cannot render natively. */
export interface MessengerFallbackPayload {
  title?: string;
  url?: string;
}

/** `template`: echoes of the page's own generic / button / media / product templates. */
export interface MessengerTemplatePayload {
  template_type: string;
  text?: string;
  buttons?: unknown[];
  elements?: unknown[];
}

/** `image` with a sticker (the thumbs-up "like" is sticker 369239263222822). */
export interface MessengerStickerPayload {
  url: string;
  sticker_id: number;
}
