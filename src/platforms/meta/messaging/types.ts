/**
 * The `messaging[]` item format Messenger (object `page`) and Instagram (object `instagram`)
 * share, written from Meta's webhook event references:
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events
 * https://developers.facebook.com/docs/instagram-platform/webhooks
 * Each item carries exactly one event key besides sender, recipient and timestamp.
 */

export interface MessagingParty {
  /** PSID / IGSID for people, the page or IG professional account id for the business. */
  id: string;
  /** Set instead of an id for users who came through the checkbox plugin or a referral. */
  user_ref?: string;
}

export interface MessagingItem {
  /** Absent on some Instagram `message_edit` deliveries. */
  sender?: MessagingParty;
  recipient?: MessagingParty;
  /** Milliseconds; seconds on some referrals and Instagram dashboard tests (then as a string). */
  timestamp?: number | string;
  message?: MessagingMessage;
  message_edit?: MessageEdit;
  reaction?: MessagingReaction;
  read?: MessagingRead;
  delivery?: MessagingDelivery;
  postback?: MessagingPostback;
  referral?: MessagingReferral;
  /** How the conversation started (checkbox plugin, customer matching...). */
  prior_message?: { source: string; identifier: string };
}

export interface MessagingMessage {
  mid: string;
  text?: string;
  /** The business's own message, sent by this or another app (`app_id`) or the inbox. */
  is_echo?: boolean;
  app_id?: number | string;
  /** Developer string attached when sending through the Send API. */
  metadata?: string;
  /** Instagram: the user unsent this message; only `mid` comes with it. */
  is_deleted?: boolean;
  /** Instagram: content the API cannot deliver (e.g. some shares). */
  is_unsupported?: boolean;
  quick_reply?: { payload: string };
  reply_to?: MessagingReplyTo;
  attachments?: MessagingAttachment[];
  /** Ads / shops context attached to the first message after a click. */
  referral?: MessagingReferral;
  /** Legacy sequence number (Messenger before 2019). */
  seq?: number;
}

export interface MessagingReplyTo {
  mid?: string;
  is_self_reply?: boolean;
  /** Instagram story replies: the story answered (its CDN url expires). */
  story?: { id: string; url: string };
}

/** `type` varies by platform; see each platform's `types.ts` for the payloads. */
export interface MessagingAttachment {
  type: string;
  payload?: MessagingAttachmentPayload;
}

export interface MessagingAttachmentPayload {
  url?: string;
  title?: string;
  /** Messenger stickers (369239263222822 is the thumbs-up "like"). */
  sticker_id?: number;
  /** Reels shared in a conversation. */
  reel_video_id?: number | string;
}

export interface MessageEdit {
  /** The id of the ORIGINAL message. */
  mid: string;
  /** The full new text; absent on Instagram's `num_edit: 0` notices for new messages. */
  text?: string;
  num_edit?: number;
}

export interface MessagingReaction {
  mid: string;
  action: 'react' | 'unreact';
  /** A name such as `love`, `smile`, `other`. */
  reaction?: string;
  emoji?: string;
}

export interface MessagingRead {
  /** Messenger: every message before this time (ms) was read. */
  watermark?: number;
  /** Instagram: the message that was seen. */
  mid?: string;
}

export interface MessagingDelivery {
  mids?: string[];
  watermark?: number;
}

export interface MessagingPostback {
  /** Present since Graph v11 (Instagram ice breakers, Messenger buttons); absent before. */
  mid?: string;
  title?: string;
  payload?: string;
  referral?: MessagingReferral;
}

export interface MessagingReferral {
  ref?: string;
  /** `ADS`, `SHORTLINK`, `CUSTOMER_CHAT_PLUGIN`, `DISCOVER_TAB`... */
  source?: string;
  /** `OPEN_THREAD`. */
  type?: string;
  ad_id?: string;
  referer_uri?: string;
  ads_context_data?: Record<string, unknown>;
}
