import type { MessageContent } from '../types.js';
import { array, compact, id, record, string, type JsonRecord } from './guards.js';
import type { MessageField } from './types.js';

/**
 * Message fields that make a service message: something happened in the chat (members,
 * title, pins, topics, payments, video chats...) rather than someone writing.
 */
const SERVICE_FIELDS = [
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'new_chat_photo',
  'delete_chat_photo',
  'group_chat_created',
  'supergroup_chat_created',
  'channel_chat_created',
  'message_auto_delete_timer_changed',
  'migrate_to_chat_id',
  'migrate_from_chat_id',
  'pinned_message',
  'invoice',
  'successful_payment',
  'refunded_payment',
  'users_shared',
  'chat_shared',
  'connected_website',
  'write_access_allowed',
  'passport_data',
  'proximity_alert_triggered',
  'boost_added',
  'chat_background_set',
  'forum_topic_created',
  'forum_topic_edited',
  'forum_topic_closed',
  'forum_topic_reopened',
  'general_forum_topic_hidden',
  'general_forum_topic_unhidden',
  'giveaway_created',
  'giveaway',
  'giveaway_winners',
  'giveaway_completed',
  'gift',
  'unique_gift',
  'paid_message_price_changed',
  'video_chat_scheduled',
  'video_chat_started',
  'video_chat_ended',
  'video_chat_participants_invited',
  'checklist_tasks_done',
  'checklist_tasks_added',
  'gift_upgrade_sent',
  'direct_message_price_changed',
  'suggested_post_approved',
  'suggested_post_approval_failed',
  'suggested_post_declined',
  'suggested_post_paid',
  'suggested_post_refunded',
  'chat_owner_left',
  'chat_owner_changed',
  'community_chat_added',
  'community_chat_removed',
  'community_chat_joined',
  'managed_bot_created',
  'poll_option_added',
  'poll_option_deleted',
] as const satisfies ReadonlyArray<MessageField>;

/** The `system` content of a service message, or undefined when the message is none. */
export function serviceContent(message: JsonRecord): MessageContent | undefined {
  const field = SERVICE_FIELDS.find((name) => message[name] !== undefined && message[name] !== null);
  if (!field) return undefined;
  return { kind: 'system', extra: { service: field, ...serviceDetail(field, message) } };
}

/** The few facts a timeline needs without opening `raw`: who joined or left, what was pinned. */
function serviceDetail(field: string, message: JsonRecord): JsonRecord {
  const value = message[field];
  const chatId = id(record(message.chat)?.id);
  switch (field) {
    case 'new_chat_members':
      return {
        userIds: array(value)
          .map((user) => id(record(user)?.id))
          .filter((userId) => userId !== undefined),
      };
    case 'left_chat_member':
      return compact({ userIds: [id(record(value)?.id)].filter((userId) => userId !== undefined) });
    case 'new_chat_title':
      return compact({ title: string(value) });
    case 'pinned_message': {
      const pinnedId = id(record(value)?.message_id);
      return compact({ pinned: chatId && pinnedId ? `${chatId}:${pinnedId}` : undefined });
    }
    case 'migrate_to_chat_id':
    case 'migrate_from_chat_id':
      return compact({ chatId: id(value) });
    case 'forum_topic_created':
    case 'forum_topic_edited':
      return compact({ topicName: string(record(value)?.name) });
    default:
      return {};
  }
}
