import { inTransaction, type SqlPool } from '../store/database.js';
import { setConversationStatus } from '../store/conversation-workflow.js';
import { assignOpenedConversations } from './assign-conversations.js';

/**
 * `POST /api/conversations/:id/reopen`: opens the conversation, announces it (`reopened`) and, in
 * the same transaction, hands it out as a customer's message reopening it would (when its channel
 * is round-robin and it has no assignee). False for an unknown conversation.
 */
export async function reopenConversation(sql: SqlPool, conversationId: number): Promise<boolean> {
  return inTransaction(sql, async (tx) => {
    if (!(await setConversationStatus(tx, conversationId, 'open'))) return false;
    await assignOpenedConversations(tx, [{ conversationId, how: 'reopened' }]);
    return true;
  });
}
