import type { ChannelScope } from '../store/channel-scope.js';
import { inTransaction, type SqlPool } from '../store/database.js';
import { setConversationStatus } from '../store/conversation-workflow.js';
import { assignOpenedConversations } from './assign-conversations.js';

/**
 * `POST /api/conversations/:id/reopen`: opens the conversation, announces it (`reopened`) and, in
 * the same transaction, hands it out as a customer's message reopening it would (when its channel
 * is round-robin and it has no assignee). False for an unknown conversation or one outside `scope`.
 */
export async function reopenConversation(sql: SqlPool, conversationId: number, scope: ChannelScope): Promise<boolean> {
  return inTransaction(sql, async (tx) => {
    if (!(await setConversationStatus(tx, conversationId, 'open', scope))) return false;
    await assignOpenedConversations(tx, [{ conversationId, how: 'reopened' }]);
    return true;
  });
}
