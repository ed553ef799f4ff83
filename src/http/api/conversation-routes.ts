import type { FastifyInstance } from 'fastify';
import { PLATFORM_NAMES, type PlatformName } from '../../platforms/types.js';
import { listConversations } from '../../store/conversation-list.js';
import { listConversationMessages } from '../../store/conversation-messages.js';
import { conversationExists, markConversationRead } from '../../store/conversation-read.js';
import type { Sql } from '../../store/database.js';
import { sendError } from '../error-reply.js';
import { decodeConversationCursor, encodeConversationCursor } from './cursor.js';
import { conversationMessage, conversationSummary, errorResponse, idParams, pageLimit } from './schemas.js';

interface ListQuery { platform?: PlatformName; account?: string; limit: number; cursor?: string }
interface MessagesQuery { limit: number; before?: number }

/**
 * The dashboard's reading API: the conversation list, a conversation's messages, marking read.
 * Both lists page by keyset; `nextCursor` is null on the last page.
 */
export async function conversationRoutes(app: FastifyInstance, options: { sql: Sql }) {
  const { sql } = options;

  app.get<{ Querystring: ListQuery }>('/conversations', {
    schema: {
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { platform: { type: 'string', enum: [...PLATFORM_NAMES] }, account: { type: 'string' }, limit: pageLimit, cursor: { type: 'string' } },
      },
      response: {
        200: { type: 'object', properties: { conversations: { type: 'array', items: conversationSummary }, nextCursor: { type: ['string', 'null'] } } },
        400: errorResponse,
      },
    },
  }, async (request) => {
    const { platform, account, limit, cursor } = request.query;
    const before = cursor === undefined ? undefined : decodeConversationCursor(cursor);
    const conversations = await listConversations(sql, { platform, account, limit, before });
    const last = conversations.at(-1);
    const nextCursor = conversations.length === limit && last ? encodeConversationCursor({ lastMessageAt: last.lastMessageAt, id: last.id }) : null;
    return { conversations, nextCursor };
  });

  app.get<{ Params: { id: number }; Querystring: MessagesQuery }>('/conversations/:id/messages', {
    schema: {
      params: idParams,
      querystring: { type: 'object', additionalProperties: false, properties: { limit: pageLimit, before: { type: 'integer', minimum: 1 } } },
      response: {
        200: { type: 'object', properties: { messages: { type: 'array', items: conversationMessage }, nextCursor: { type: ['integer', 'null'] } } },
        404: errorResponse,
      },
    },
  }, async (request, reply) => {
    const { id } = request.params;
    if (!(await conversationExists(sql, id))) return sendError(reply, 'OMNI_ERR_API_NOT_FOUND', `conversation ${id} not found`);
    const messages = await listConversationMessages(sql, id, request.query);
    // Oldest first; the next (older) page is the one before the first message here.
    const nextCursor = messages.length === request.query.limit ? messages[0]!.id : null;
    return { messages, nextCursor };
  });

  app.post<{ Params: { id: number }; Body: { messageId?: number } | undefined }>('/conversations/:id/read', {
    schema: {
      params: idParams,
      body: { type: ['object', 'null'], additionalProperties: false, properties: { messageId: { type: 'integer', minimum: 1 } } },
      response: { 200: { type: 'object', properties: { lastReadMessageId: { type: ['integer', 'null'] } } }, 404: errorResponse },
    },
  }, async (request, reply) => {
    const marked = await markConversationRead(sql, request.params.id, request.body?.messageId);
    if (!marked) return sendError(reply, 'OMNI_ERR_API_NOT_FOUND', `conversation ${request.params.id} not found`);
    return marked;
  });
}
