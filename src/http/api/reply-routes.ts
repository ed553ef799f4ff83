import type { FastifyInstance } from 'fastify';
import type { Outbox } from '../../queue/outbox.js';
import { createReply, type ReplyChannels, type ReplyRequestBody } from '../../replies/create-reply.js';
import { selectConversationMessage } from '../../store/conversation-messages.js';
import type { SqlPool } from '../../store/database.js';
import { sendNotFound } from '../error-reply.js';
import { principalScope } from './authenticate.js';
import { errorResponses, objectOf } from './schema-shapes.js';
import { conversationMessage, idParams, rowId } from './schemas.js';

/**
 * Exactly one of `text`, `media` and `template`: the `oneOf` names the three so a generated client
 * cannot type `{}`. Its branches only require, and the properties (with `additionalProperties: false`)
 * stay on the body itself: Fastify's Ajv removes additional properties, and would strip a field
 * while trying a branch that does not declare it.
 */
const replyBody = {
  type: 'object',
  additionalProperties: false,
  oneOf: [
    { title: 'text', required: ['text'] },
    { title: 'media', required: ['media'] },
    { title: 'template', required: ['template'] },
  ],
  properties: {
    text: { type: 'string', maxLength: 10_000 },
    media: {
      // Exactly one of url and upload (checked with the other reply rules, as a 400).
      type: 'object',
      required: ['type'],
      additionalProperties: false,
      properties: {
        type: { type: 'string', enum: ['image', 'document', 'audio', 'video'] },
        // The platform fetches it, so it must be a public http(s) URL.
        url: { type: 'string', pattern: '^https?://', maxLength: 2048 },
        // The id `POST /api/uploads` answered: the worker sends the file itself.
        upload: rowId,
        caption: { type: 'string', maxLength: 10_000 },
        filename: { type: 'string', minLength: 1, maxLength: 240 },
      },
    },
    template: {
      type: 'object',
      description:
        "WhatsApp only: an APPROVED template synced from the channel's WABA, every placeholder filled (else 400 OMNI_ERR_REPLY_TEMPLATE_*)",
      required: ['name', 'language'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 512 },
        language: { type: 'string', minLength: 2, maxLength: 16 },
        components: { type: 'array', maxItems: 20, items: { type: 'object', additionalProperties: true } },
      },
    },
    replyTo: rowId,
    tag: { type: 'string', enum: ['HUMAN_AGENT'] },
  },
} as const;

/**
 * `POST /api/conversations/:id/messages`: a reply. Stored and queued in one transaction, handed to
 * SQS after the commit, and answered 202 with the message as `queued`; the worker sends it, and
 * the dashboard follows its status from there. A reply that breaks the platform's rules is a 400;
 * a conversation outside the caller's channels is a 404, as an unknown one is.
 */
export async function replyRoutes(
  app: FastifyInstance,
  options: { sql: SqlPool; outbox: Outbox; channels: ReplyChannels },
) {
  const { sql, outbox, channels } = options;
  app.post<{ Params: { id: number }; Body: ReplyRequestBody }>(
    '/conversations/:id/messages',
    {
      schema: {
        operationId: 'replyToConversation',
        summary: 'Reply: a text, a file or a WhatsApp template, queued and answered 202',
        tags: ['conversations'],
        params: idParams,
        body: replyBody,
        response: {
          202: objectOf({ message: conversationMessage }),
          ...errorResponses(400, 404, 409, 410, 503),
        },
      },
    },
    async (request, reply) => {
      const { principal } = request;
      const sentBy = principal?.kind === 'agent' ? { agentId: principal.agent.id } : { tokenId: principal?.token.id };
      const scope = principalScope(principal);
      const created = await createReply(sql, channels, request.params.id, request.body, { sentBy, scope });
      if (!created) return sendNotFound(reply, 'conversation', request.params.id);
      outbox.sendInBackground(created.queued);
      return reply.code(202).send({ message: await selectConversationMessage(sql, created.messageId) });
    },
  );
}
