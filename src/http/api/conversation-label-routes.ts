import type { FastifyInstance } from 'fastify';
import { OmniError } from '../../errors.js';
import { changeConversation } from '../../realtime/announce-conversation-change.js';
import {
  addConversationLabel,
  LABEL_MAX_LENGTH,
  listConversationLabels,
  normaliseLabel,
  removeConversationLabel,
} from '../../store/conversation-labels.js';
import { conversationExists } from '../../store/conversation-read.js';
import type { SqlPool } from '../../store/database.js';
import { sendNotFound } from '../error-reply.js';
import { principalScope } from './authenticate.js';
import { errorResponses, objectOf } from './schema-shapes.js';
import { labelInput, rowId } from './schemas.js';

/** A label normalised, or a 400 naming where it came from when normalising made it too long. */
function normalised(label: string, field: string): string {
  const result = normaliseLabel(label);
  if (result.length > LABEL_MAX_LENGTH)
    throw new OmniError('OMNI_ERR_API_BAD_REQUEST', `${field} must be at most ${LABEL_MAX_LENGTH} characters`);
  return result;
}

const labelsAnswer = objectOf({
  labels: {
    type: 'array',
    items: { type: 'string' },
    description: 'the conversation’s labels now, in alphabetical order',
  },
});
const idParams = { type: 'object', required: ['id'], properties: { id: rowId } } as const;

/**
 * A conversation's labels: read them, add one (adding one it has changes nothing), remove one
 * (removing one it lacks changes nothing). Each answers the labels as they now are; a change is a
 * `conversation.updated` event (`labelled`) for other dashboards. A caller labels only conversations
 * in its channels: any other answers 404, as an unknown one does.
 */
export async function conversationLabelRoutes(app: FastifyInstance, options: { sql: SqlPool }) {
  const { sql } = options;

  app.get<{ Params: { id: number } }>(
    '/conversations/:id/labels',
    {
      schema: {
        operationId: 'listConversationLabels',
        summary: "Read a conversation's labels",
        tags: ['conversations'],
        params: idParams,
        response: { 200: labelsAnswer, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await conversationExists(sql, id, principalScope(request.principal))))
        return sendNotFound(reply, 'conversation', id);
      return { labels: await listConversationLabels(sql, id) };
    },
  );

  app.post<{ Params: { id: number }; Body: { label: string } }>(
    '/conversations/:id/labels',
    {
      schema: {
        operationId: 'addConversationLabel',
        summary: 'Label a conversation (a label it has already changes nothing)',
        tags: ['conversations'],
        params: idParams,
        body: { type: 'object', required: ['label'], additionalProperties: false, properties: { label: labelInput } },
        response: { 200: labelsAnswer, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const label = normalised(request.body.label, 'body/label');
      if (!(await conversationExists(sql, id, principalScope(request.principal))))
        return sendNotFound(reply, 'conversation', id);
      // Only a label added is news to other dashboards; a full conversation refuses it (409).
      await changeConversation(sql, id, 'labelled', async (tx) => {
        const added = await addConversationLabel(tx, id, label);
        if (added === 'full') throw new OmniError('OMNI_ERR_API_LABEL_LIMIT');
        return added === 'added';
      });
      return { labels: await listConversationLabels(sql, id) };
    },
  );

  app.delete<{ Params: { id: number; label: string } }>(
    '/conversations/:id/labels/:label',
    {
      schema: {
        operationId: 'removeConversationLabel',
        summary: 'Remove a label from a conversation (one it lacks changes nothing)',
        tags: ['conversations'],
        params: {
          type: 'object',
          required: ['id', 'label'],
          properties: {
            id: rowId,
            label: { ...labelInput, description: 'the label, URL-encoded; normalised as stored' },
          },
        },
        response: { 200: labelsAnswer, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const label = normalised(request.params.label, 'params/label');
      if (!(await conversationExists(sql, id, principalScope(request.principal))))
        return sendNotFound(reply, 'conversation', id);
      await changeConversation(sql, id, 'labelled', (tx) => removeConversationLabel(tx, id, label));
      return { labels: await listConversationLabels(sql, id) };
    },
  );
}
