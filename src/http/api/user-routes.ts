import type { FastifyInstance } from 'fastify';
import type { SqlPool } from '../../store/database.js';
import { resolveChannelRefs } from '../../users/channel-refs.js';
import { createUser, listUsers, updateUser } from '../../users/manage-users.js';
import { auditedBy } from './audit-actor.js';
import { requireAdmin } from './authenticate.js';
import { errorResponse, idParams } from './schemas.js';
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

const one = { type: 'object', properties: { user: userSchema } } as const;
const refused = { 400: errorResponse, 403: errorResponse };

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
        response: {
          200: { type: 'object', properties: { users: { type: 'array', items: userSchema } } },
          403: errorResponse,
        },
      },
    },
    async () => ({ users: await listUsers(sql) }),
  );

  app.post<{ Body: CreateBody }>(
    '/users',
    { schema: { body: createUserBody, response: { 201: one, ...refused, 409: errorResponse } } },
    async (request, reply) => {
      const { channelIds = [], ...fields } = request.body;
      const resolved = await resolveChannelRefs(sql, channelIds, 'channelIds');
      const user = await createUser(sql, auditedBy(request), { ...fields, channelIds: resolved });
      return reply.code(201).send({ user });
    },
  );

  app.patch<{ Params: { id: number }; Body: UpdateBody }>(
    '/users/:id',
    { schema: { params: idParams, body: updateUserBody, response: { 200: one, ...refused, 404: errorResponse } } },
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
