import type { FastifyInstance } from 'fastify';
import { PLATFORM_NAMES, type PlatformName } from '../../platforms/types.js';
import { OmniError } from '../../errors.js';
import { changeConversation } from '../../realtime/announce-conversation-change.js';
import { replyWindowOf } from '../../replies/reply-window.js';
import { findContact } from '../../store/contacts.js';
import { normaliseLabel } from '../../store/conversation-labels.js';
import { listConversations } from '../../store/conversation-list.js';
import { listConversationMessages } from '../../store/conversation-messages.js';
import { conversationExists, markConversationRead } from '../../store/conversation-read.js';
import {
  CONVERSATION_STATUSES,
  findConversationSummary,
  type ConversationStatus,
} from '../../store/conversation-summary.js';
import type { SqlPool } from '../../store/database.js';
import { selectReplyConversation } from '../../store/outbound-messages.js';
import { sendNotFound } from '../error-reply.js';
import { type Principal, principalScope } from './authenticate.js';
import { decodeConversationCursor, encodeConversationCursor } from './cursor.js';
import { errorResponses, nullable, objectOf } from './schema-shapes.js';
import {
  backwardsPage,
  backwardsPageQuery,
  conversationDetails,
  conversationMessage,
  idParams,
  labelInput,
  listedConversation,
  pageLimit,
  rowId,
} from './schemas.js';

interface ListQuery {
  platform?: PlatformName;
  account?: string;
  channel?: string;
  status?: ConversationStatus;
  unread?: boolean;
  assignee?: string;
  q?: string;
  label?: string;
  limit: number;
  cursor?: string;
}
interface MessagesQuery {
  limit: number;
  before?: number;
}

/** `assignee` as the store's filter: an agent id, null for `none`; `me` is the agent making the request. */
function assigneeFilter(assignee: string | undefined, principal: Principal | undefined): number | null | undefined {
  if (assignee === undefined) return undefined;
  if (assignee === 'none') return null;
  if (assignee !== 'me') return Number(assignee);
  if (principal?.kind !== 'agent')
    throw new OmniError('OMNI_ERR_API_BAD_REQUEST', 'assignee=me needs an agent session, not an API token');
  return principal.agent.id;
}

/** `channel` as the store's filter: a channel id, null for `unrouted`. */
function channelFilter(channel: string | undefined): number | null | undefined {
  if (channel === undefined) return undefined;
  return channel === 'unrouted' ? null : Number(channel);
}

/**
 * The dashboard's reading API: the conversation list (filtered), one conversation with its contact,
 * a conversation's messages, marking read. Both lists page by keyset; `nextCursor` is null on the last page.
 * A caller sees only its channels' conversations: any other id answers 404, as an unknown one does.
 */
export async function conversationRoutes(app: FastifyInstance, options: { sql: SqlPool }) {
  const { sql } = options;

  app.get<{ Querystring: ListQuery }>(
    '/conversations',
    {
      schema: {
        operationId: 'listConversations',
        summary: 'List conversations, most recent first, filtered and a page at a time',
        tags: ['conversations'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            platform: { type: 'string', enum: [...PLATFORM_NAMES] },
            account: { type: 'string' },
            channel: {
              type: 'string',
              pattern: '^(unrouted|[1-9][0-9]{0,14})$',
              description: 'a channel id, or unrouted (conversations no channel held the account of)',
            },
            status: { type: 'string', enum: [...CONVERSATION_STATUSES] },
            unread: { type: 'boolean', description: 'true: only unread conversations; false: only read ones' },
            assignee: {
              type: 'string',
              pattern: '^(me|none|[1-9][0-9]{0,14})$',
              description: 'an agent id, me, or none (unassigned)',
            },
            // Three characters make a trigram: shorter text could not use the search indexes and would read every message.
            q: {
              type: 'string',
              minLength: 3,
              maxLength: 200,
              description: "in the contact's name or any message's text, any case",
            },
            label: { ...labelInput, description: 'only conversations with this label (normalised as stored)' },
            limit: pageLimit,
            cursor: { type: 'string' },
          },
        },
        response: {
          200: objectOf({
            conversations: { type: 'array', items: listedConversation },
            nextCursor: nullable('string', { description: 'the next page’s `cursor`; null on the last page' }),
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { platform, account, channel, status, unread, assignee, q, label, limit, cursor } = request.query;
      const before = cursor === undefined ? undefined : decodeConversationCursor(cursor);
      const assigneeAgentId = assigneeFilter(assignee, request.principal);
      const conversations = await listConversations(sql, {
        scope: principalScope(request.principal),
        platform,
        account,
        channelId: channelFilter(channel),
        status,
        unread,
        assigneeAgentId,
        search: q,
        label: label === undefined ? undefined : normaliseLabel(label),
        limit,
        before,
      });
      const last = conversations.at(-1);
      const nextCursor =
        conversations.length === limit && last
          ? encodeConversationCursor({ lastMessageAt: last.lastMessageAt, id: last.id })
          : null;
      return { conversations, nextCursor };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/conversations/:id',
    {
      schema: {
        operationId: 'getConversation',
        summary: 'Read one conversation with its contact and its reply window',
        tags: ['conversations'],
        params: idParams,
        response: { 200: conversationDetails, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const scope = principalScope(request.principal);
      const summary = await findConversationSummary(sql, request.params.id, scope);
      if (!summary) return sendNotFound(reply, 'conversation', request.params.id);
      const contact = summary.contactId === null ? null : await findContact(sql, summary.contactId, scope);
      const replying = await selectReplyConversation(sql, summary.id, scope);
      const replyWindow = replyWindowOf(summary.platform, replying?.lastInboundAt ?? null);
      return { ...summary, contact, replyWindow };
    },
  );

  app.get<{ Params: { id: number }; Querystring: MessagesQuery }>(
    '/conversations/:id/messages',
    {
      schema: {
        operationId: 'listConversationMessages',
        summary: "Page a conversation's messages back in time, oldest first within a page",
        tags: ['conversations'],
        params: idParams,
        querystring: backwardsPageQuery,
        response: { 200: backwardsPage('messages', conversationMessage), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await conversationExists(sql, id, principalScope(request.principal))))
        return sendNotFound(reply, 'conversation', id);
      const messages = await listConversationMessages(sql, id, request.query);
      // Oldest first; the next (older) page is the one before the first message here.
      const nextCursor = messages.length === request.query.limit ? messages[0].id : null;
      return { messages, nextCursor };
    },
  );

  app.post<{ Params: { id: number }; Body: { messageId?: number } | undefined }>(
    '/conversations/:id/read',
    {
      schema: {
        operationId: 'markConversationRead',
        summary: 'Mark a conversation read, up to its last message or the one given',
        tags: ['conversations'],
        params: idParams,
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: { messageId: rowId },
        },
        response: {
          200: objectOf({ lastReadMessageId: nullable('integer') }),
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const marked = await changeConversation(sql, id, 'read', (tx) =>
        markConversationRead(tx, id, principalScope(request.principal), request.body?.messageId),
      );
      if (!marked) return sendNotFound(reply, 'conversation', id);
      return marked;
    },
  );
}
