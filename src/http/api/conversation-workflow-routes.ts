import type { FastifyInstance } from 'fastify';
import { reopenConversation } from '../../assignment/reopen-conversation.js';
import { changeConversation } from '../../realtime/announce-conversation-change.js';
import { agentExists } from '../../store/agents.js';
import { findConversationSummary } from '../../store/conversation-summary.js';
import { assignConversation, setConversationStatus } from '../../store/conversation-workflow.js';
import type { SqlPool } from '../../store/database.js';
import { sendNotFound } from '../error-reply.js';
import { conversationSummary, errorResponse, idParams } from './schemas.js';

const answers = { 200: conversationSummary, 404: errorResponse };

/** Each status action, and how it changes the conversation (false: no such conversation). */
const STATUS_ACTIONS: [action: string, apply: (sql: SqlPool, id: number) => Promise<boolean>][] = [
  ['close', (sql, id) => changeConversation(sql, id, 'closed', (tx) => setConversationStatus(tx, id, 'closed'))],
  // Reopening hands the conversation out again, as auto-assignment does a new one.
  ['reopen', reopenConversation],
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

  for (const [action, apply] of STATUS_ACTIONS) {
    app.post<{ Params: { id: number } }>(
      `/conversations/:id/${action}`,
      {
        schema: { params: idParams, response: answers },
      },
      async (request, reply) => {
        const { id } = request.params;
        const changed = await apply(sql, id);
        if (!changed) return sendNotFound(reply, 'conversation', id);
        return findConversationSummary(sql, id);
      },
    );
  }
}
