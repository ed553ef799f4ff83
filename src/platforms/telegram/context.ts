import type { MessageContent } from '../types.js';
import { messageChatKey } from './address.js';
import { compact, id, number, record, string, type JsonRecord } from './guards.js';

/**
 * What surrounds a message's body: the message it answers, a quoted part, where a
 * forward came from, the forum topic, the album it belongs to.
 */
export function messageContext(message: JsonRecord): Pick<MessageContent, 'replyTo' | 'forwarded' | 'extra'> {
  const replyTo = replyTarget(message, messageChatKey(message));
  const origin = forwardOrigin(message);
  const quote = record(message.quote);
  const extra = compact({
    threadId: number(message.message_thread_id),
    isTopicMessage: message.is_topic_message === true ? true : undefined,
    quote: quote
      ? compact({ text: string(quote.text), position: number(quote.position), isManual: quote.is_manual === true })
      : undefined,
    externalReply: record(message.external_reply),
    forwardOrigin: origin,
    automaticForward: message.is_automatic_forward === true ? true : undefined,
    mediaGroupId: string(message.media_group_id),
    viaBot: id(record(message.via_bot)?.id),
    authorSignature: string(message.author_signature),
    businessConnectionId: string(message.business_connection_id),
    senderBusinessBot: id(record(message.sender_business_bot)?.id),
    guestQueryId: string(message.guest_query_id),
    directMessagesTopic: directMessagesTopic(message),
    replyToChecklistTaskId: number(message.reply_to_checklist_task_id),
    replyToPollOptionId: string(message.reply_to_poll_option_id),
    isPaidPost: message.is_paid_post === true ? true : undefined,
    paidStarCount: number(message.paid_star_count),
    suggestedPost: record(message.suggested_post_info),
    senderTag: string(message.sender_tag),
  });
  return compact({
    replyTo,
    forwarded: origin ? true : undefined,
    extra: Object.keys(extra).length > 0 ? extra : undefined,
  });
}

/** The topic of a channel's direct messages chat a message is in, and the user it is with. */
function directMessagesTopic(message: JsonRecord): JsonRecord | undefined {
  const topic = record(message.direct_messages_topic);
  return topic && compact({ topicId: number(topic.topic_id), userId: id(record(topic.user)?.id) });
}

/**
 * `<chat key>:<message_id>` of the message this one answers. Every message in a forum topic
 * carries the topic's creation message as `reply_to_message`; that is no reply by the user.
 */
function replyTarget(message: JsonRecord, chat: string | undefined): string | undefined {
  const reply = record(message.reply_to_message);
  const replyId = id(reply?.message_id);
  if (!reply || !replyId || !chat) return undefined;
  const isTopicRoot = reply.forum_topic_created !== undefined || replyId === id(message.message_thread_id);
  if (message.is_topic_message === true && isTopicRoot) return undefined;
  return `${chat}:${replyId}`;
}

/** `forward_origin` (Bot API 7.0+), or the legacy `forward_*` fields older updates carry. */
function forwardOrigin(message: JsonRecord): JsonRecord | undefined {
  const origin = record(message.forward_origin);
  if (origin) {
    const sender = record(origin.sender_user) ?? record(origin.sender_chat) ?? record(origin.chat);
    return compact({
      type: string(origin.type),
      date: number(origin.date),
      senderId: id(sender?.id),
      senderName: string(origin.sender_user_name),
      messageId: number(origin.message_id),
    });
  }
  const legacySender = record(message.forward_from) ?? record(message.forward_from_chat);
  const legacyName = string(message.forward_sender_name);
  if (!legacySender && !legacyName && message.forward_date === undefined) return undefined;
  return compact({
    type: 'legacy',
    date: number(message.forward_date),
    senderId: id(legacySender?.id),
    senderName: legacyName,
    messageId: number(message.forward_from_message_id),
  });
}
