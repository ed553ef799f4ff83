import type { FastifyInstance } from 'fastify';
import { reopenConversation } from '../../assignment/reopen-conversation.js';
import { changeConversation } from '../../realtime/announce-conversation-change.js';
import type { ChannelScope } from '../../store/channel-scope.js';
import { findConversationSummary } from '../../store/conversation-summary.js';
import { assigneeStanding, assignConversation, setConversationStatus } from '../../store/conversation-workflow.js';
import type { SqlPool } from '../../store/database.js';
import { sendError, sendNotFound } from '../error-reply.js';
import { principalScope } from './authenticate.js';
import { errorResponses } from './schema-shapes.js';
import { conversationSummary, idParams, rowId } from './schemas.js';

const answers = { 200: conversationSummary, ...errorResponses(400, 404) };

/** Each status action, and how it changes the conversation (false: no such conversation). */
const STATUS_ACTIONS: [
  action: string,
  operation: { operationId: string; summary: string },
  apply: (sql: SqlPool, id: number, scope: ChannelScope) => Promise<boolean>,
][] = [
  [
    'close',
    { operationId: 'closeConversation', summary: 'Close a conversation' },
    (sql, id, scope) => changeConversation(sql, id, 'closed', (tx) => setConversationStatus(tx, id, 'closed', scope)),
  ],
  // Reopening hands the conversation out again, as auto-assignment does a new one.
  [
    'reopen',
    { operationId: 'reopenConversation', summary: 'Reopen a closed conversation, handing it out again' },
    reopenConversation,
  ],
];

/**
 * The agents' workflow: assign a conversation (or unassign it), close it, reopen it. Each answers
 * the conversation's summary as it now is, so a client redraws from the answer; other dashboards
 * hear of it as a `conversation.updated` event. A caller acts only in its channels (any other
 * conversation answers 404), and assigns only to an agent who sees the conversation.
 */
export async function conversationWorkflowRoutes(app: FastifyInstance, options: { sql: SqlPool }) {
  const { sql } = options;

  app.post<{ Params: { id: number }; Body: { agentId: number | null } }>(
    '/conversations/:id/assign',
    {
      schema: {
        operationId: 'assignConversation',
        summary: 'Assign a conversation to an agent, or unassign it',
        tags: ['conversations'],
        params: idParams,
        body: {
          type: 'object',
          required: ['agentId'],
          additionalProperties: false,
          properties: { agentId: { ...rowId, type: ['integer', 'null'], description: 'null unassigns' } },
        },
        response: answers,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { agentId } = request.body;
      const scope = principalScope(request.principal);
      // The conversation first: a 400 about the assignee must not tell an outsider that it exists.
      const conversation = await findConversationSummary(sql, id, scope);
      if (!conversation) return sendNotFound(reply, 'conversation', id);
      if (agentId !== null) {
        const standing = await assigneeStanding(sql, agentId, conversation.channelId);
        if (standing === 'unknown') return sendNotFound(reply, 'agent', agentId);
        if (standing === 'outsider')
          return sendError(
            reply,
            'OMNI_ERR_API_ASSIGNEE_NOT_MEMBER',
            `agentId: agent ${agentId} is not a member of conversation ${id}'s channel`,
          );
      }
      const assigned = await changeConversation(sql, id, 'assigned', (tx) =>
        assignConversation(tx, id, agentId, scope),
      );
      if (!assigned) return sendNotFound(reply, 'conversation', id);
      return findConversationSummary(sql, id, scope);
    },
  );

  for (const [action, operation, apply] of STATUS_ACTIONS) {
    app.post<{ Params: { id: number } }>(
      `/conversations/:id/${action}`,
      {
        schema: { ...operation, tags: ['conversations'], params: idParams, response: answers },
      },
      async (request, reply) => {
        const { id } = request.params;
        const scope = principalScope(request.principal);
        const changed = await apply(sql, id, scope);
        if (!changed) return sendNotFound(reply, 'conversation', id);
        return findConversationSummary(sql, id, scope);
      },
    );
  }
}
