import type { InboundItem } from '../types.js';
import { chatKey, conversationKeyOf } from './address.js';
import { eventItem, timestamp, type UpdateContext } from './events.js';
import { array, compact, id, record, string, type JsonRecord } from './guards.js';

/**
 * The bot was connected to a business account, disconnected, or its rights changed. It belongs
 * to the owner's own chat with the bot (`user_chat_id`), where the bot can reach the owner.
 */
export function businessConnectionEvent(connection: JsonRecord, context: UpdateContext): InboundItem | undefined {
  const connectionId = string(connection.id);
  const ownerId = id(record(connection.user)?.id);
  if (!connectionId || !ownerId) return undefined;
  const enabled = connection.is_enabled === true;
  const businessConnection = compact({
    id: connectionId,
    userId: ownerId,
    userChatId: id(connection.user_chat_id),
    isEnabled: enabled,
    rights: record(connection.rights),
  });
  return eventItem(
    'business_connection',
    `${connectionId}:${String(connection.date)}:${String(enabled)}`,
    {
      externalId: `business:${encodeURIComponent(connectionId)}`,
      from: ownerId,
      conversationKey: id(connection.user_chat_id) ?? null,
      text: null,
      timestamp: timestamp(context, connection.date),
      content: { kind: 'system', extra: { businessConnection } },
    },
    context,
  );
}

/**
 * Messages deleted in a business account's chat: one `delete` event per message, each naming the
 * message as the business message that carried it was keyed. The update is undated and names
 * no one who deleted them.
 */
export function deletedBusinessMessagesEvents(deletion: JsonRecord, context: UpdateContext): InboundItem[] | undefined {
  const connectionId = string(deletion.business_connection_id);
  const chatId = id(record(deletion.chat)?.id);
  if (!connectionId || !chatId) return undefined;
  const route = { kind: 'business', connectionId } as const;
  const chat = chatKey(chatId, route);
  const conversationKey = conversationKeyOf({ chatId, route });
  return array(deletion.message_ids)
    .map((messageId) => id(messageId))
    .filter((messageId) => messageId !== undefined)
    .map((messageId) => {
      const externalId = `${chat}:${messageId}`;
      const fields = {
        externalId,
        from: null,
        conversationKey,
        text: null,
        timestamp: context.receivedAt.toISOString(),
        content: { kind: 'system' as const, extra: { deleted: true } },
      };
      const event = eventItem('delete', chat, fields, context);
      // One update deletes many messages: each event's key adds its message to the update's.
      return { ...event, itemKey: `${event.itemKey}:${messageId}` };
    });
}
