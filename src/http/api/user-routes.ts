import type { FastifyInstance } from 'fastify';
import type { SqlPool } from '../../store/database.js';
import { resolveChannelRefs } from '../../users/channel-refs.js';
import { createUser, listUsers, updateUser } from '../../users/manage-users.js';
import { auditedBy } from './audit-actor.js';
import { requireAdmin } from './authenticate.js';
import { errorResponses, objectOf } from './schema-shapes.js';
import { idParams } from './schemas.js';
import { createUserBody, updateUserBody, userSchema } from './user-schemas.js';

interface CreateBody {
  email: string;
  name: string;
  role: string;
  password: string;
  channelIds?: number[];
}

interface UpdateBody {
  name?: string;
  role?: string;
  channelIds?: number[];
  disabled?: boolean;
  password?: string;
}

const one = objectOf({ user: userSchema });
const refused = errorResponses(400, 403);

/**
 * The users, for admins only (an admin's session or an admin token; 403 for anyone else):
 * `GET /api/users`, `POST /api/users`, `PATCH /api/users/:id`. Every change is audited with who
 * made it; passwords are write-only.
 */
export async function userRoutes(app: FastifyInstance, options: { sql: SqlPool }) {
  const { sql } = options;
  app.addHook('preHandler', requireAdmin);

  app.get(
    '/users',
    {
      schema: {
        operationId: 'listUsers',
        summary: 'List the users (admins)',
        tags: ['users'],
        response: {
          200: objectOf({ users: { type: 'array', items: userSchema } }),
          ...errorResponses(403),
        },
      },
    },
    async () => ({ users: await listUsers(sql) }),
  );

  app.post<{ Body: CreateBody }>(
    '/users',
    {
      schema: {
        operationId: 'createUser',
        summary: 'Create a user (admins)',
        tags: ['users'],
        body: createUserBody,
        response: { 201: one, ...refused, ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      const { channelIds = [], ...fields } = request.body;
      const resolved = await resolveChannelRefs(sql, channelIds, 'channelIds');
      const user = await createUser(sql, auditedBy(request), { ...fields, channelIds: resolved });
      return reply.code(201).send({ user });
    },
  );

  app.patch<{ Params: { id: number }; Body: UpdateBody }>(
    '/users/:id',
    {
      schema: {
        operationId: 'updateUser',
        summary: 'Change a user: name, role, channels, password, disabled (admins)',
        tags: ['users'],
        params: idParams,
        body: updateUserBody,
        response: { 200: one, ...refused, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { channelIds, ...fields } = request.body;
      const resolved = channelIds && (await resolveChannelRefs(sql, channelIds, 'channelIds'));
      const user = await updateUser(sql, auditedBy(request), request.params.id, {
        ...fields,
        channelIds: resolved,
      });
      return { user };
    },
  );
}
