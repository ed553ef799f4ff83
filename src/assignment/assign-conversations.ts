import { lockEventOrder } from '../realtime/announce-processed.js';
import { announceConversationChange } from '../realtime/announce-conversation-change.js';
import {
  lockChannelAssignment,
  recordAutoAssignment,
  selectAssignable,
  selectOnlineMembers,
} from '../store/auto-assignment.js';
import type { Sql } from '../store/database.js';
import type { OpenedConversation } from '../store/file-batch.js';
import { type AssignmentCandidate, pickAssignee } from './pick-assignee.js';

/** A conversation auto-assignment handed to an agent. */
export interface AutoAssignment {
  conversationId: number;
  agentId: number;
  channelId: number;
}

/**
 * Hands each of these conversations that is open, unassigned and in a round-robin channel to the
 * online member `pickAssignee` chooses, inside the caller's transaction; each assignment is a
 * `conversation.updated` event (change `assigned`). A conversation nobody can take (nobody online,
 * everyone at the cap) stays unassigned. Answers the assignments made.
 *
 * Locks: the event-order lock first (the announcements need it, and every path must take it before
 * a channel's), then each channel's assignment lock in channel order, so the counts read are final
 * until commit and two processes never both give the "fewest" member one more than is fair.
 */
export async function assignConversations(tx: Sql, conversationIds: readonly number[]): Promise<AutoAssignment[]> {
  const assignable = await selectAssignable(tx, conversationIds);
  if (assignable.length === 0) return [];
  await lockEventOrder(tx);
  const assigned: AutoAssignment[] = [];
  let channelId: number | undefined;
  let members: AssignmentCandidate[] = [];
  for (const conversation of assignable) {
    if (conversation.channelId !== channelId) {
      channelId = conversation.channelId;
      await lockChannelAssignment(tx, channelId);
      members = (await selectOnlineMembers(tx, channelId)).map((m) => ({ ...m, cap: conversation.cap }));
    }
    const agentId = pickAssignee(members);
    const member = members.find((m) => m.agentId === agentId);
    if (!member) continue;
    const at = await recordAutoAssignment(tx, { ...conversation, agentId: member.agentId });
    if (!at) continue;
    member.openCount++;
    member.lastAssignedAt = at;
    await announceConversationChange(tx, conversation.conversationId, 'assigned');
    assigned.push({ conversationId: conversation.conversationId, agentId: member.agentId, channelId });
  }
  return assigned;
}

/**
 * After a filing: tells dashboards of the conversations a customer's message reopened (a
 * `conversation.updated` event, change `reopened`), then hands out every conversation it opened.
 */
export async function assignOpenedConversations(
  tx: Sql,
  opened: readonly OpenedConversation[],
): Promise<AutoAssignment[]> {
  for (const { conversationId, how } of opened) {
    if (how === 'reopened') await announceConversationChange(tx, conversationId, 'reopened');
  }
  return assignConversations(
    tx,
    opened.map((o) => o.conversationId),
  );
}
