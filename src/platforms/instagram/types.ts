/**
 * Instagram webhook bodies (object `instagram`), from Meta's references:
 * https://developers.facebook.com/docs/instagram-platform/webhooks
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/webhook
 * Direct messages use the `messaging[]` item format shared with Messenger (`meta/messaging/types.ts`);
 * comments and mentions come as Graph `changes`.
 */
import type { MessagingItem } from '../meta/messaging/types.js';

export interface InstagramWebhookBody {
  object: 'instagram';
  entry: InstagramEntry[];
}

export interface InstagramEntry {
  /** The Instagram professional account id (Meta's older docs show the IGSID here by mistake). */
  id: string;
  /** Milliseconds on messaging entries, seconds on `changes` entries. */
  time: number;
  messaging?: MessagingItem[];
  changes?: InstagramChange[];
}

export type InstagramChange =
  | { field: 'comments' | 'live_comments'; value: InstagramComment }
  | { field: 'mentions'; value: InstagramMention }
  /**
   * The App Dashboard's "Test" button sends messaging fields as changes, with the item as the
   * value and the timestamp as a string of seconds.
   */
  | { field: 'messages' | 'messaging_seen' | 'message_reactions' | 'messaging_postbacks'; value: MessagingItem }
  | { field: string; value: unknown };

export interface InstagramComment {
  /** The comment id. */
  id: string;
  text?: string;
  /** Set when this comment answers another comment. */
  parent_id?: string;
  from?: { id: string; username?: string; self_ig_scoped_id?: string };
  media?: { id: string; media_product_type?: 'FEED' | 'REELS' | 'AD' | string; original_media_id?: string };
}

/** The account was @mentioned in a caption (only `media_id`) or in a comment (`comment_id` too). */
export interface InstagramMention {
  media_id: string;
  comment_id?: string;
}

/** Attachment types as Instagram sends them in `message.attachments[].type`. */
export type InstagramAttachmentType =
  | 'image'
  | 'video'
  | 'audio'
  | 'file'
  | 'share'
  | 'story_mention'
  | 'ig_reel'
  | 'reel'
  | 'ig_post'
  | 'animated_image'
  | 'like_heart';

/** `ig_post`: a post shared into the conversation. */
export interface InstagramPostPayload {
  ig_post_media_id?: string;
  title?: string;
  url?: string;
}
