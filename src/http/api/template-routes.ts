import type { FastifyInstance } from 'fastify';
import type { ChannelDirectory } from '../../channels/channel-directory.js';
import { OmniError } from '../../errors.js';
import type { PlatformApis } from '../../platforms/platform.js';
import { seesChannel } from '../../store/channel-scope.js';
import type { SqlPool } from '../../store/database.js';
import { listTemplates } from '../../store/whatsapp-templates.js';
import { channelsToSync, syncTemplates } from '../../templates/sync-templates.js';
import { auditedBy } from './audit-actor.js';
import { principalScope, requireAdmin } from './authenticate.js';
import { decodeTemplateCursor, encodeTemplateCursor } from './template-cursor.js';
import { errorResponses, nullable, objectOf } from './schema-shapes.js';
import { pageLimit, rowId } from './schemas.js';

export interface TemplateRoutesOptions {
  sql: SqlPool;
  /** The process's channels: a sync goes through their tokens. */
  channels: Pick<ChannelDirectory, 'live'>;
  /** The Graph origin a sync asks; without it (no channel management in this process) a sync is refused. */
  apis?: PlatformApis;
}

interface ListQuery {
  channel?: number;
  status?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

const template = objectOf({
  id: { type: 'integer' },
  wabaId: { type: 'string' },
  metaId: nullable('string', { description: "Meta's template id" }),
  name: { type: 'string' },
  language: { type: 'string', description: 'en_US, pt_BR…' },
  status: {
    type: 'string',
    description: "Meta's: APPROVED, PENDING, REJECTED, PAUSED, DISABLED…; DELETED once Meta no longer lists it",
  },
  category: nullable('string', { description: 'MARKETING, UTILITY or AUTHENTICATION' }),
  components: {
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: "Meta's components",
  },
  syncedAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
});

const wabaSync = objectOf(
  {
    wabaId: { type: 'string' },
    channel: objectOf({ id: { type: 'integer' }, name: { type: 'string' } }),
    ok: { type: 'boolean' },
    stored: { type: 'integer', description: 'templates Meta listed' },
    deleted: { type: 'integer', description: 'stored templates Meta no longer lists, now DELETED' },
    problem: { type: 'string', description: "why it failed, in Graph's words" },
  },
  { optional: ['stored', 'deleted', 'problem'] },
);

/**
 * WhatsApp message templates: `GET /api/templates` (any caller; an agent sees the templates of its
 * channels' WABAs), filtered by channel, status and a part of the name, a page at a time;
 * `POST /api/templates/sync` (admins) lists every WABA's templates from Meta now, or one channel's
 * (`{ "channel": id or name }`), audited per WABA as `templates.synced`.
 */
export async function templateRoutes(app: FastifyInstance, options: TemplateRoutesOptions) {
  const { sql } = options;
  app.get<{ Querystring: ListQuery }>(
    '/templates',
    {
      schema: {
        operationId: 'listTemplates',
        summary: "List the WhatsApp templates of the caller's channels' WABAs",
        tags: ['templates'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            channel: { ...rowId, description: "a channel id: its WABA's templates" },
            status: { type: 'string', description: 'APPROVED, PENDING, REJECTED, PAUSED, DISABLED, DELETED…' },
            q: { type: 'string', minLength: 1, description: 'a part of the name, any case' },
            limit: pageLimit,
            cursor: { type: 'string', description: 'the nextCursor of the page before' },
          },
        },
        response: {
          200: objectOf({ templates: { type: 'array', items: template }, nextCursor: nullable('string') }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { channel, status, q, limit, cursor } = request.query;
      const scope = principalScope(request.principal);
      if (channel !== undefined && !seesChannel(scope, channel)) throw new OmniError('OMNI_ERR_CHANNEL_NOT_FOUND');
      const after = cursor === undefined ? undefined : decodeTemplateCursor(cursor);
      const templates = await listTemplates(sql, { scope, channelId: channel, status, q, after, limit });
      const last = templates.length === limit ? templates.at(-1) : undefined;
      return { templates, nextCursor: last ? encodeTemplateCursor(last) : null };
    },
  );

  app.post<{ Body: { channel?: string | number } }>(
    '/templates/sync',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'syncTemplates',
        summary: "Sync every WABA's templates from Meta now, or one channel's (admins)",
        tags: ['templates'],
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: {
            channel: { type: ['integer', 'string'], description: 'a channel id or name; absent: every WABA' },
          },
        },
        response: {
          200: objectOf({ results: { type: 'array', items: wabaSync } }),
          // 500: a process started without the platform APIs refuses a sync.
          ...errorResponses(400, 403, 404, 500),
        },
      },
    },
    async (request) => {
      if (!options.apis)
        throw new OmniError('OMNI_ERR_CONFIG_INVALID', 'this process was started without the platform APIs');
      const targets = channelsToSync(options.channels.live(), request.body?.channel);
      return { results: await syncTemplates({ sql, apis: options.apis }, targets, auditedBy(request)) };
    },
  );
}
