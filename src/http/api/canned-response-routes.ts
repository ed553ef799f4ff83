import type { FastifyInstance } from 'fastify';
import {
  type CannedFields,
  createCannedResponse,
  deleteCannedResponse,
  listCannedResponses,
  updateCannedResponse,
} from '../../store/canned-responses.js';
import type { SqlPool } from '../../store/database.js';
import { sendNotFound } from '../error-reply.js';
import { auditedBy } from './audit-actor.js';
import { requireAdmin } from './authenticate.js';
import { dateTime, errorResponses, objectOf } from './schema-shapes.js';
import { idParams } from './schemas.js';

// The table's check holds the same rule; here it is a 400 naming the field instead of a 500.
const shortcode = {
  type: 'string',
  pattern: '^[a-z0-9][a-z0-9_-]{0,31}$',
  description: 'what an agent types after / in the reply box: 1 to 32 lowercase letters, digits, - and _',
} as const;
// At least one character that is not white space; 4096 is WhatsApp's longest text, the tightest platform's.
const text = {
  type: 'string',
  minLength: 1,
  maxLength: 4096,
  pattern: '\\S',
  description: 'the text inserted',
} as const;

const cannedResponse = objectOf({
  id: { type: 'integer' },
  shortcode: { type: 'string' },
  text: { type: 'string' },
  createdAt: dateTime,
  updatedAt: dateTime,
});
const one = objectOf({ cannedResponse });

/**
 * Canned responses, shared by the whole team: any caller lists them (`GET /api/canned-responses`);
 * admins create, change and delete them (each change audited as `canned_response.*`), since a
 * change alters what every agent sends. A taken shortcode is a 409 `OMNI_ERR_CANNED_SHORTCODE_TAKEN`.
 */
export async function cannedResponseRoutes(app: FastifyInstance, options: { sql: SqlPool }) {
  const { sql } = options;

  app.get(
    '/canned-responses',
    {
      schema: {
        operationId: 'listCannedResponses',
        summary: "List the team's canned responses by shortcode",
        tags: ['canned responses'],
        response: { 200: objectOf({ cannedResponses: { type: 'array', items: cannedResponse } }) },
      },
    },
    async () => ({ cannedResponses: await listCannedResponses(sql) }),
  );

  app.post<{ Body: CannedFields }>(
    '/canned-responses',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'createCannedResponse',
        summary: 'Create a canned response (admins)',
        tags: ['canned responses'],
        body: {
          type: 'object',
          required: ['shortcode', 'text'],
          additionalProperties: false,
          properties: { shortcode, text },
        },
        response: { 201: one, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => {
      const { shortcode, text } = request.body;
      const created = await createCannedResponse(sql, auditedBy(request), { shortcode, text });
      return reply.code(201).send({ cannedResponse: created });
    },
  );

  app.patch<{ Params: { id: number }; Body: Partial<CannedFields> }>(
    '/canned-responses/:id',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'updateCannedResponse',
        summary: "Change a canned response's shortcode or text (admins)",
        tags: ['canned responses'],
        params: idParams,
        body: { type: 'object', minProperties: 1, additionalProperties: false, properties: { shortcode, text } },
        response: { 200: one, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { shortcode, text } = request.body;
      const changes = { ...(shortcode !== undefined ? { shortcode } : {}), ...(text !== undefined ? { text } : {}) };
      const updated = await updateCannedResponse(sql, auditedBy(request), request.params.id, changes);
      if (!updated) return sendNotFound(reply, 'canned response', request.params.id);
      return { cannedResponse: updated };
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/canned-responses/:id',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'deleteCannedResponse',
        summary: 'Delete a canned response (admins)',
        tags: ['canned responses'],
        params: idParams,
        response: { 200: one, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const deleted = await deleteCannedResponse(sql, auditedBy(request), request.params.id);
      if (!deleted) return sendNotFound(reply, 'canned response', request.params.id);
      return { cannedResponse: deleted };
    },
  );
}
