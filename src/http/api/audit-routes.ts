import type { FastifyInstance } from 'fastify';
import { type AuditQuery, listAuditRecords } from '../../store/audit-log.js';
import type { Sql } from '../../store/database.js';
import { requireAdmin } from './authenticate.js';
import { decodeAuditCursor, encodeAuditCursor } from './cursor.js';
import { errorResponses, nullable, objectOf } from './schema-shapes.js';
import { pageLimit, rowId } from './schemas.js';

type Query = Omit<AuditQuery, 'since' | 'until' | 'beforeId'> & { since?: string; until?: string; cursor?: string };

const auditRecord = objectOf({
  id: { type: 'integer' },
  at: { type: 'string', format: 'date-time' },
  actor: objectOf(
    {
      kind: { type: 'string', enum: ['agent', 'token', 'cli'] },
      id: nullable('integer'),
      name: { type: 'string' },
    },
    { description: "an agent (by email), an API token (by name), or the CLI's operating-system user (no id)" },
  ),
  action: { type: 'string', description: 'channel.created, endpoint.removed, contact.erased, user.disabled…' },
  target: objectOf({ kind: { type: 'string' }, id: nullable('string') }),
  ip: nullable('string', { description: "the caller's address; null for the CLI" }),
  detail: {
    type: 'object',
    additionalProperties: true,
    description: 'the fields changed with their values, secrets by name only',
  },
});

/**
 * `GET /api/audit` (admins only): the admin actions, newest first, a page at a time (`nextCursor`
 * is null on the last page), filtered by action, actor, target and time.
 */
export async function auditRoutes(app: FastifyInstance, options: { sql: Sql }) {
  app.get<{ Querystring: Query }>(
    '/audit',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'listAuditRecords',
        summary: 'Read the audit log, newest first (admins)',
        tags: ['audit'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            action: { type: 'string', description: 'an action (channel.updated), or an area with .* (channel.*)' },
            actorKind: { type: 'string', enum: ['agent', 'token', 'cli'] },
            actorId: { ...rowId, description: "the agent's or token's id" },
            targetKind: { type: 'string', description: 'channel, endpoint, contact, user, token' },
            targetId: { type: 'string' },
            since: { type: 'string', format: 'date-time', description: 'at or after this time' },
            until: { type: 'string', format: 'date-time', description: 'before this time' },
            limit: pageLimit,
            cursor: { type: 'string', description: 'the nextCursor of the page before' },
          },
        },
        response: {
          200: objectOf({ entries: { type: 'array', items: auditRecord }, nextCursor: nullable('string') }),
          ...errorResponses(400, 403),
        },
      },
    },
    async (request) => {
      const { since, until, cursor, ...filters } = request.query;
      const entries = await listAuditRecords(options.sql, {
        ...filters,
        since: since === undefined ? undefined : new Date(since),
        until: until === undefined ? undefined : new Date(until),
        beforeId: cursor === undefined ? undefined : decodeAuditCursor(cursor),
      });
      const last = entries.at(-1);
      return { entries, nextCursor: entries.length === filters.limit && last ? encodeAuditCursor(last.id) : null };
    },
  );
}
