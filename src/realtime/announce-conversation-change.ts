import { inTransaction, type Sql, type SqlPool } from '../store/database.js';
import { lockEventOrder } from './announce-processed.js';
import { EVENTS_CHANNEL, type ConversationChange, type ConversationChangedEvent } from './processed-event.js';

/**
 * Runs `apply` (a workflow change to one conversation) in a transaction and, when it changed
 * something (a truthy result), records and NOTIFYs a `conversation.updated` event in the same
 * transaction: listeners hear of the change only if it commits, and a dashboard reconnecting with
 * Last-Event-ID reads it back. Answers what `apply` answered.
 */
export async function changeConversation<T>(
  sql: SqlPool,
  conversationId: number,
  change: ConversationChange,
  apply: (tx: Sql) => Promise<T>,
): Promise<T> {
  return inTransaction(sql, async (tx) => {
    const result = await apply(tx);
    if (result) await announceConversationChange(tx, conversationId, change);
    return result;
  });
}

/**
 * Records and NOTIFYs one `conversation.updated` event inside the caller's transaction, for a
 * change made in it (an auto-assignment in the worker's filing transaction, say).
 */
export async function announceConversationChange(
  tx: Sql,
  conversationId: number,
  change: ConversationChange,
): Promise<void> {
  await lockEventOrder(tx);
  const [row] = await tx<{ event_seq: string; channel_id: string | null }[]>`
    insert into conversation_events (event_seq, conversation_id, change)
    values (nextval('queue_logs_event_seq'), ${conversationId}, ${change})
    returning event_seq, (select c.channel_id from conversations c where c.id = ${conversationId}) as channel_id`;
  const channelId = row.channel_id === null ? null : Number(row.channel_id);
  const event: ConversationChangedEvent = { seq: Number(row.event_seq), conversationId, channelId, change };
  await tx`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify([event])})`;
}
