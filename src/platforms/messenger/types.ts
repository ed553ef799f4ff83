/**
 * The attachment payloads of Messenger webhook bodies (object `page`) that are Messenger's own,
 * from Meta's reference (the envelope is `meta/envelope.ts`; the `messaging[]` item format is
 * shared with Instagram, `meta/messaging/types.ts`):
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events
 */

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

/**
 * `sticker` (since June 2026: the Messenger Platform changelog, June 1, 2026, "Webhook change with
 * sticker attachment type"), and before it `image` with a sticker_id (the thumbs-up "like" is
 * sticker 369239263222822).
 */
export interface MessengerStickerPayload {
  url?: string;
  sticker_id: number;
}
