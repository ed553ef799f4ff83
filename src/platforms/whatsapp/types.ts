/**
 * What a WhatsApp Cloud API webhook change holds (the envelope, object `whatsapp_business_account`,
 * is `meta/envelope.ts`), from Meta's reference:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/reference
 * Timestamps are strings of seconds. Since 2026 users may be known only by a business-scoped
 * user id (BSUID, e.g. "US.1349..."): `from` is then absent or empty and `from_user_id` is set.
 */

/** The `value` of a `messages` or `smb_message_echoes` change. */
export interface WhatsAppValue {
  messaging_product: 'whatsapp';
  metadata: { display_phone_number: string; phone_number_id: string };
  /** Profiles of the users in `messages` (and, with BSUIDs, in `statuses`). */
  contacts?: WhatsAppContact[];
  messages?: WhatsAppMessage[];
  statuses?: WhatsAppStatus[];
  /** `smb_message_echoes`: what the business sent from the WhatsApp Business app. */
  message_echoes?: WhatsAppEcho[];
  /** Errors not tied to one message (e.g. the app could not be authenticated). */
  errors?: WhatsAppError[];
}

export interface WhatsAppContact {
  wa_id?: string;
  user_id?: string;
  parent_user_id?: string;
  country_code?: string;
  profile?: { name?: string; username?: string };
}

export type WhatsAppMessageType =
  | 'text'
  | 'image'
  | 'audio'
  | 'video'
  | 'document'
  | 'sticker'
  | 'location'
  | 'contacts'
  | 'interactive'
  | 'button'
  | 'reaction'
  | 'order'
  | 'system'
  | 'unsupported'
  | 'request_welcome';

export interface WhatsAppMessage {
  from?: string;
  from_user_id?: string;
  from_parent_user_id?: string;
  id: string;
  timestamp: string;
  type: WhatsAppMessageType;
  context?: WhatsAppContext;
  /** Click-to-WhatsApp ads context on the first message after an ad click. */
  referral?: WhatsAppReferral;
  /** On `unsupported` messages: why (131051 "Message type unknown"). */
  errors?: WhatsAppError[];
  text?: { body: string };
  image?: WhatsAppMedia;
  video?: WhatsAppMedia;
  /** `voice: true` for push-to-talk voice notes. */
  audio?: WhatsAppMedia & { voice?: boolean };
  document?: WhatsAppMedia & { filename?: string };
  sticker?: WhatsAppMedia & { animated?: boolean };
  location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  /** Shared vCards; not the same thing as `value.contacts`. */
  contacts?: unknown[];
  interactive?: WhatsAppInteractive;
  /** A tap on a template's quick-reply button. */
  button?: { payload?: string; text: string };
  /** `emoji` is `""` or absent when the user removes their reaction. */
  reaction?: { message_id: string; emoji?: string };
  order?: { catalog_id: string; text?: string; product_items: unknown[] };
  system?: WhatsAppSystem;
  /** What kind of content could not be delivered (`edit`, `poll`...), on newer payloads. */
  unsupported?: { type?: string };
}

export interface WhatsAppMedia {
  id: string;
  mime_type?: string;
  sha256?: string;
  caption?: string;
  /** Rolled out from November 2025; older payloads carry only the id. */
  url?: string;
}

export interface WhatsAppContext {
  /** The quoted message's sender and id. */
  from?: string;
  id?: string;
  forwarded?: boolean;
  frequently_forwarded?: boolean;
  /** The user asked about a product from a catalog message. */
  referred_product?: { catalog_id: string; product_retailer_id: string };
}

export interface WhatsAppReferral {
  source_url?: string;
  source_id?: string;
  source_type?: 'ad' | 'post';
  headline?: string;
  body?: string;
  media_type?: 'image' | 'video';
  image_url?: string;
  video_url?: string;
  thumbnail_url?: string;
  ctwa_clid?: string;
}

export interface WhatsAppInteractive {
  type: 'button_reply' | 'list_reply' | 'nfm_reply';
  button_reply?: { id: string; title: string };
  list_reply?: { id: string; title: string; description?: string };
  /** A WhatsApp Flow's answer: `response_json` is a JSON string. */
  nfm_reply?: { name?: string; body?: string; response_json?: string };
}

export interface WhatsAppSystem {
  body?: string;
  /**
   * `user_changed_number` (older: `customer_changed_number`), `user_changed_user_id` (a new BSUID,
   * no phone number shared), `customer_identity_changed`.
   */
  type?: string;
  /** The NEW number (current field name). */
  wa_id?: string;
  /** The NEW number (older field name). */
  new_wa_id?: string;
  customer?: string;
  identity?: string;
  /** The user's BSUID after the change (`user_changed_user_id`, `user_changed_number`). */
  user_id?: string;
  parent_user_id?: string;
  /** The BSUID before the change. */
  previous_user_id?: string;
  previous_parent_user_id?: string;
}

export interface WhatsAppStatus {
  /** The id of the business's message this status is about. */
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | 'played' | 'deleted';
  timestamp: string;
  recipient_id?: string;
  recipient_user_id?: string;
  recipient_type?: 'individual' | 'group';
  conversation?: { id: string; expiration_timestamp?: string; origin?: { type: string } };
  pricing?: { billable?: boolean; pricing_model?: string; category?: string; type?: string };
  errors?: WhatsAppError[];
  biz_opaque_callback_data?: string;
}

/** A message the business sent from the WhatsApp Business app: `from` is the business, `to` the user. */
export interface WhatsAppEcho extends Omit<WhatsAppMessage, 'from_user_id'> {
  to?: string;
  to_user_id?: string;
}

export interface WhatsAppError {
  code: number;
  title?: string;
  message?: string;
  error_data?: { details?: string };
  href?: string;
}
