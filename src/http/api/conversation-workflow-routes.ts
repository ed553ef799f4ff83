import type { FastifyInstance } from 'fastify';
import { changeConversation } from '../../realtime/announce-conversation-change.js';
import type { ConversationChange } from '../../realtime/processed-event.js';
import { agentExists } from '../../store/agents.js';
import { findConversationSummary, type ConversationStatus } from '../../store/conversation-summary.js';
import { assignConversation, setConversationStatus } from '../../store/conversation-workflow.js';
import type { SqlPool } from '../../store/database.js';
import { sendNotFound } from '../error-reply.js';
import { conversationSummary, errorResponse, idParams } from './schemas.js';

const answers = { 200: conversationSummary, 404: errorResponse };

/** The status each action leaves a conversation in, and the change other dashboards hear of. */
const STATUS_ACTIONS: [action: string, status: ConversationStatus, change: ConversationChange][] = [
  ['close', 'closed', 'closed'],
  ['reopen', 'open', 'reopened'],
];

/**
 * The agents' workflow: assign a conversation (or unassign it), close it, reopen it. Each answers
 * the conversation's summary as it now is, so a client redraws from the answer; other dashboards
 * hear of it as a `conversation.updated` event.
 */
export async function conversationWorkflowRoutes(app: FastifyInstance, options: { sql: SqlPool }) {
  const { sql } = options;

  app.post<{ Params: { id: number }; Body: { agentId: number | null } }>(
    '/conversations/:id/assign',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['agentId'],
          additionalProperties: false,
          properties: { agentId: { type: ['integer', 'null'], minimum: 1, description: 'null unassigns' } },
        },
        response: answers,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { agentId } = request.body;
      if (agentId !== null && !(await agentExists(sql, agentId))) return sendNotFound(reply, 'agent', agentId);
      const assigned = await changeConversation(sql, id, 'assigned', (tx) => assignConversation(tx, id, agentId));
      if (!assigned) return sendNotFound(reply, 'conversation', id);
      return findConversationSummary(sql, id);
    },
  );

  for (const [action, status, change] of STATUS_ACTIONS) {
    app.post<{ Params: { id: number } }>(
      `/conversations/:id/${action}`,
      {
        schema: { params: idParams, response: answers },
      },
      async (request, reply) => {
        const { id } = request.params;
        const changed = await changeConversation(sql, id, change, (tx) => setConversationStatus(tx, id, status));
        if (!changed) return sendNotFound(reply, 'conversation', id);
        return findConversationSummary(sql, id);
      },
    );
  }
}
