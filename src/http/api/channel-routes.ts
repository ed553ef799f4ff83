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
import { errorResponse, idParams } from './schemas.js';

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

const one = { type: 'object', properties: { channel: channelSchema } } as const;
const errors = { 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 502: errorResponse };

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
        response: { 200: { type: 'object', properties: { channels: { type: 'array', items: channelSchema } } } },
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
        body: addChannelBody,
        response: {
          201: {
            type: 'object',
            properties: {
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
          },
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
    { schema: { params: idParams, response: { 200: one, 404: errorResponse } } },
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
        params: idParams,
        body: updateChannelBody,
        response: { 200: { type: 'object', properties: { channel: channelSchema, registration } }, ...errors },
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
      schema: { params: idParams, response: { 200: one, 403: errorResponse, 404: errorResponse, 409: errorResponse } },
    },
    async (request) => ({ channel: await manage().remove({ nameOrId: request.params.id }, auditedBy(request)) }),
  );
}
