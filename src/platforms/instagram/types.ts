/**
 * The parts of Instagram webhook bodies (object `instagram`) that are Instagram's own, from Meta's
 * references (the envelope is `meta/envelope.ts`; direct messages use the `messaging[]` item format
 * shared with Messenger, `meta/messaging/types.ts`):
 * https://developers.facebook.com/docs/instagram-platform/webhooks
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/webhook
 */

/** The value of a `comments` or `live_comments` change. */
export interface InstagramComment {
  /** The comment id. */
  id: string;
  text?: string;
  /** Set when this comment answers another comment. */
  parent_id?: string;
  from?: { id: string; username?: string; self_ig_scoped_id?: string };
  media?: { id: string; media_product_type?: 'FEED' | 'REELS' | 'AD' | string; original_media_id?: string };
}

/** The value of a `mentions` change: the account was @mentioned in a caption (only `media_id`) or in a comment (`comment_id` too). */
export interface InstagramMention {
  media_id: string;
  comment_id?: string;
}

/** `ig_post`: a post shared into the conversation. */
export interface InstagramPostPayload {
  ig_post_media_id?: string;
  title?: string;
  url?: string;
}
