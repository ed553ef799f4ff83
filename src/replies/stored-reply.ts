import type { ReplyContent } from '../platforms/types.js';

/**
 * A reply as accepted and stored on its message (`messages.send_request`): what the send job sends.
 * The quoted message is kept by both ids: ours for the API, the platform's for the send.
 */
export interface StoredReply {
  content: ReplyContent;
  tag?: 'HUMAN_AGENT';
  replyTo?: { messageId: number; externalId: string };
}
