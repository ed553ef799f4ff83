import type { FastifyInstance } from 'fastify';
import { changeConversation } from '../../realtime/announce-conversation-change.js';
import {
  insertConversationNote,
  listConversationNotes,
  selectConversationNote,
} from '../../store/conversation-notes.js';
import { conversationExists } from '../../store/conversation-read.js';
import type { SqlPool } from '../../store/database.js';
import { sendNotFound } from '../error-reply.js';
import { principalScope } from './authenticate.js';
import { dateTime, errorResponses, nullableObjectOf, objectOf } from './schema-shapes.js';
import { backwardsPage, backwardsPageQuery, idParams } from './schemas.js';

const conversationNote = objectOf({
  id: { type: 'integer' },
  conversationId: { type: 'integer' },
  text: { type: 'string' },
  author: nullableObjectOf(
    {
      kind: { type: 'string', enum: ['agent', 'token'] },
      id: { type: 'integer' },
      name: { type: 'string' },
    },
    { description: 'the agent or API token that wrote it; null once that one is deleted' },
  ),
  createdAt: dateTime,
});

/**
 * Private notes on a conversation: agents' words to each other, stored apart from its messages
 * (`conversation_notes`), so no send, reply or endpoint delivery ever carries one. Writing one is a
 * `conversation.updated` event (`noted`) for other dashboards. A caller reads and writes notes only
 * on conversations in its channels: any other answers 404, as an unknown one does.
 */
export async function conversationNoteRoutes(app: FastifyInstance, options: { sql: SqlPool }) {
  const { sql } = options;

  app.get<{ Params: { id: number }; Querystring: { limit: number; before?: number } }>(
    '/conversations/:id/notes',
    {
      schema: {
        operationId: 'listConversationNotes',
        summary: "Page a conversation's private notes back in time, oldest first within a page",
        tags: ['conversations'],
        params: idParams,
        querystring: backwardsPageQuery,
        response: { 200: backwardsPage('notes', conversationNote), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await conversationExists(sql, id, principalScope(request.principal))))
        return sendNotFound(reply, 'conversation', id);
      const notes = await listConversationNotes(sql, id, request.query);
      const nextCursor = notes.length === request.query.limit ? notes[0].id : null;
      return { notes, nextCursor };
    },
  );

  app.post<{ Params: { id: number }; Body: { text: string } }>(
    '/conversations/:id/notes',
    {
      schema: {
        operationId: 'addConversationNote',
        summary: 'Write a private note on a conversation (never sent to the contact)',
        tags: ['conversations'],
        params: idParams,
        body: {
          type: 'object',
          required: ['text'],
          additionalProperties: false,
          properties: {
            text: { type: 'string', minLength: 1, maxLength: 10_000, pattern: '\\S', description: 'stored trimmed' },
          },
        },
        response: { 201: objectOf({ note: conversationNote }), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { principal } = request;
      if (!(await conversationExists(sql, id, principalScope(principal))))
        return sendNotFound(reply, 'conversation', id);
      const by = principal?.kind === 'agent' ? { agentId: principal.agent.id } : { tokenId: principal?.token.id };
      const noteId = await changeConversation(sql, id, 'noted', (tx) =>
        insertConversationNote(tx, id, request.body.text.trim(), by),
      );
      return reply.code(201).send({ note: await selectConversationNote(sql, noteId) });
    },
  );
}
