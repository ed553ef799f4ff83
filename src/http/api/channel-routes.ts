import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type ChannelAdminConfig, createChannelAdmin } from '../../channels/channel-admin.js';
import { channelView } from '../../channels/channel.js';
import { findChannel } from '../../channels/manage-channels.js';
import { OmniError } from '../../errors.js';
import { seesChannel } from '../../store/channel-scope.js';
import { type ChannelRow, selectLiveChannels } from '../../store/channels.js';
import type { SqlPool } from '../../store/database.js';
import type { SecretBox } from '../../vault/secret-box.js';
import { auditedBy } from './audit-actor.js';
import { addChannelBody, channelSchema, registration, updateChannelBody } from './channel-schemas.js';
import { principalRole, principalScope, requireAdmin } from './authenticate.js';
import { errorResponses, objectOf } from './schema-shapes.js';
import { idParams } from './schemas.js';

/** What the write routes need: the key new secrets are sealed with, and the configuration management reads. */
export interface ChannelSealing {
  box: SecretBox | undefined;
  config: ChannelAdminConfig;
}

export interface ChannelRoutesOptions {
  sql: SqlPool;
  /** Without it the routes read, and a change answers an error naming what the process lacks. */
  sealing?: ChannelSealing;
  /** The process's channel directory: reloaded at once after a change made here (others hear the NOTIFY). */
  directory?: { refresh(): Promise<void> };
}

type Body = Record<string, unknown> & { register?: string; enabled?: boolean };

const one = objectOf({ channel: channelSchema });
// 500: a process started without channel management (no sealing key) refuses a change.
const errors = errorResponses(400, 403, 404, 409, 500, 502);

/** `register` is an instruction, not a field of the channel; `enabled` goes through its own service call. */
function split(body: Body): { fields: Record<string, unknown>; register?: string; enabled?: boolean } {
  const { register, enabled, ...fields } = body;
  return { fields, register, enabled };
}

/**
 * What an agent (or agent token) is shown of a channel: not its secrets' hints, which only those who
 * manage channels need.
 */
function viewFor(request: FastifyRequest, row: ChannelRow) {
  const { secrets, ...named } = channelView(row);
  return principalRole(request.principal) === 'admin' ? { ...named, secrets } : named;
}

/**
 * The channels: `GET /api/channels` (the live ones the caller sees, by platform then name; the
 * dashboard's filter reads it), `POST /api/channels`, `GET|PATCH|DELETE /api/channels/:id`. Secrets
 * are write-only: answers carry hints only, through the response schema, and only to admins. The
 * writes are admin-only (403); an agent reads its own channels, and another channel is a 404 to it.
 */
export async function channelRoutes(app: FastifyInstance, options: ChannelRoutesOptions) {
  const { sql, sealing } = options;
  const admin =
    sealing &&
    createChannelAdmin({ sql, ...sealing, onChange: async () => options.directory?.refresh(), logger: app.log });
  const manage = () => {
    if (admin) return admin;
    throw new OmniError('OMNI_ERR_CONFIG_INVALID', 'this process was started without channel management (no sealing)');
  };

  app.get(
    '/channels',
    {
      schema: {
        operationId: 'listChannels',
        summary: 'List the live channels the caller sees',
        tags: ['channels'],
        response: { 200: objectOf({ channels: { type: 'array', items: channelSchema } }) },
      },
    },
    async (request) => {
      const scope = principalScope(request.principal);
      const rows = (await selectLiveChannels(sql)).filter((row) => seesChannel(scope, row.id));
      return { channels: rows.map((row) => viewFor(request, row)) };
    },
  );

  app.post<{ Body: Body }>(
    '/channels',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'addChannel',
        summary: 'Add a channel (admins)',
        tags: ['channels'],
        body: addChannelBody,
        response: {
          201: objectOf(
            {
              channel: channelSchema,
              webhookSecret: {
                type: 'string',
                description: 'telegram: the generated secret token, answered this once when none was given',
              },
              adopted: {
                type: 'integer',
                description: "the account's earlier conversations (unrouted, or the default channel's) that joined it",
              },
              registration,
            },
            { optional: ['webhookSecret', 'registration'] },
          ),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { fields, register } = split(request.body);
      return reply.code(201).send(await manage().add(fields, auditedBy(request), register));
    },
  );

  app.get<{ Params: { id: number } }>(
    '/channels/:id',
    {
      schema: {
        operationId: 'getChannel',
        summary: 'Read one channel',
        tags: ['channels'],
        params: idParams,
        response: { 200: one, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!seesChannel(principalScope(request.principal), id))
        throw new OmniError('OMNI_ERR_CHANNEL_NOT_FOUND', `No channel has the id ${id}`);
      return { channel: viewFor(request, await findChannel(sql, id)) };
    },
  );

  app.patch<{ Params: { id: number }; Body: Body }>(
    '/channels/:id',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'updateChannel',
        summary: 'Change a channel: its fields, secrets, enabled flag (admins)',
        tags: ['channels'],
        params: idParams,
        body: updateChannelBody,
        response: {
          200: objectOf({ channel: channelSchema, registration }, { optional: ['registration'] }),
          ...errors,
        },
      },
    },
    async (request) => {
      const lookup = { nameOrId: request.params.id };
      const { fields, register, enabled } = split(request.body ?? {});
      // Fields first: a refused change leaves the enabled flag as it was too.
      const by = auditedBy(request);
      const updated = await manage().update(lookup, fields, by, register);
      if (enabled === undefined) return updated;
      return { ...updated, channel: await manage().setEnabled(lookup, enabled, by) };
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/channels/:id',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'removeChannel',
        summary: 'Remove a channel; its conversations stay, marked so (admins)',
        tags: ['channels'],
        params: idParams,
        response: { 200: one, ...errorResponses(403, 404, 409, 500) },
      },
    },
    async (request) => ({ channel: await manage().remove({ nameOrId: request.params.id }, auditedBy(request)) }),
  );
}
