import type { FastifyInstance } from 'fastify';
import { OmniError } from '../../errors.js';
import type { AgentRole } from '../../store/agents.js';
import { listApiTokens } from '../../store/api-tokens.js';
import type { SqlPool } from '../../store/database.js';
import { resolveChannelRefs } from '../../users/channel-refs.js';
import { createApiToken, revokeApiTokenById, tokenChannelsProblem } from '../../users/manage-tokens.js';
import { ROLES } from '../../users/user-rules.js';
import { auditedBy } from './audit-actor.js';
import { requireAdmin } from './authenticate.js';
import { dateTime, errorResponses, noBody, objectOf } from './schema-shapes.js';
import { idParams, rowId } from './schemas.js';
import { memberChannel } from './user-schemas.js';

interface CreateBody {
  name: string;
  role: AgentRole;
  channelIds?: number[];
}

/** A token as listed: what it may do and since when; never the token, which only its creator saw. */
const tokenSchema = objectOf({
  id: { type: 'integer' },
  name: { type: 'string' },
  role: { type: 'string', enum: [...ROLES], description: 'admin: sees and manages everything; agent: its channels' },
  channels: { type: 'array', items: memberChannel, description: 'the live channels an agent token acts in' },
  createdAt: dateTime,
});

const createTokenBody = {
  type: 'object',
  required: ['name', 'role'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, description: 'unique among active tokens' },
    role: { type: 'string', enum: [...ROLES] },
    channelIds: {
      type: 'array',
      items: rowId,
      maxItems: 1000,
      description: 'an agent token’s channels (at least one); none for an admin token',
    },
  },
} as const;

/**
 * The API tokens, for admins only: `GET /api/tokens` (the active ones, never a token itself),
 * `POST /api/tokens` (the new token is answered this once: only its hash is stored) and
 * `DELETE /api/tokens/:id` (revoked at once, its event streams ended). Audited as the CLI's are.
 */
export async function tokenRoutes(app: FastifyInstance, options: { sql: SqlPool }) {
  const { sql } = options;
  app.addHook('preHandler', requireAdmin);

  app.get(
    '/tokens',
    {
      schema: {
        operationId: 'listTokens',
        summary: 'List the active API tokens, without the tokens themselves (admins)',
        tags: ['tokens'],
        response: { 200: objectOf({ tokens: { type: 'array', items: tokenSchema } }), ...errorResponses(403) },
      },
    },
    async () => ({ tokens: await listApiTokens(sql) }),
  );

  app.post<{ Body: CreateBody }>(
    '/tokens',
    {
      schema: {
        operationId: 'createToken',
        summary: 'Create an API token; the answer holds the token, shown this once (admins)',
        tags: ['tokens'],
        body: createTokenBody,
        response: {
          201: objectOf({
            token: tokenSchema,
            secret: { type: 'string', description: 'the bearer token: answered only this once, stored only as a hash' },
          }),
          ...errorResponses(400, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const { name, role, channelIds = [] } = request.body;
      const problem = tokenChannelsProblem('channelIds', role, channelIds.length);
      if (problem) throw new OmniError('OMNI_ERR_TOKEN_ACCESS_INVALID', problem);
      const resolved = await resolveChannelRefs(sql, channelIds, 'channelIds');
      const created = await createApiToken(sql, auditedBy(request), { name, role, channelIds: resolved });
      const [token] = await listApiTokens(sql, { id: created.id });
      return reply.code(201).send({ token, secret: created.token });
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/tokens/:id',
    {
      schema: {
        operationId: 'revokeToken',
        summary: 'Revoke an API token: refused from then on, its event streams end (admins)',
        tags: ['tokens'],
        params: idParams,
        response: { 204: noBody('Revoked'), ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await revokeApiTokenById(sql, auditedBy(request), request.params.id)))
        throw new OmniError('OMNI_ERR_TOKEN_NOT_FOUND', `no active API token has the id ${request.params.id}`);
      return reply.code(204).send();
    },
  );
}
