import type { FastifyInstance } from 'fastify';
import { countUnreadConversationsByChannel } from '../../store/conversation-unread-counts.js';
import { CONVERSATION_STATUSES, type ConversationStatus } from '../../store/conversation-summary.js';
import type { SqlPool } from '../../store/database.js';
import { principalScope } from './authenticate.js';
import { nullable, objectOf } from './schema-shapes.js';

/**
 * The inbox's channel switcher: how many unread conversations each of the caller's channels holds,
 * in one statement over the unread conversations only, so it stays cheap however many read ones
 * the channels hold.
 */
export async function unreadCountRoutes(app: FastifyInstance, options: { sql: SqlPool }) {
  const { sql } = options;

  app.get<{ Querystring: { status?: ConversationStatus } }>(
    '/conversations/unread-counts',
    {
      schema: {
        operationId: 'countUnreadConversations',
        summary: 'Count unread conversations by channel',
        tags: ['conversations'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: {
              type: 'string',
              enum: [...CONVERSATION_STATUSES],
              description: 'count only conversations of this status',
            },
          },
        },
        response: {
          200: objectOf({
            channels: {
              type: 'array',
              description: 'the channels holding unread conversations (the caller’s only); none for the others',
              items: objectOf({
                channelId: nullable('integer', { description: 'null: the unrouted conversations (admins only)' }),
                unread: { type: 'integer', minimum: 1 },
              }),
            },
            total: { type: 'integer', minimum: 0, description: 'the sum over every channel' },
          }),
        },
      },
    },
    async (request) => {
      const scope = principalScope(request.principal);
      const channels = await countUnreadConversationsByChannel(sql, scope, request.query.status);
      return { channels, total: channels.reduce((sum, c) => sum + c.unread, 0) };
    },
  );
}
