import type { FastifyInstance } from 'fastify';
import type { SqlPool } from '../../store/database.js';
import { listUnroutedAccounts } from '../../store/unrouted.js';
import { requireAdmin } from './authenticate.js';
import { errorResponses, nullable, nullableDateTime, objectOf } from './schema-shapes.js';

const unroutedAccount = objectOf({
  platform: { type: 'string' },
  account: nullable('string'),
  conversations: { type: 'integer' },
  messages: { type: 'integer' },
  lastMessageAt: nullableDateTime,
});

/**
 * `GET /api/channels/unrouted`: the accounts webhooks named that no channel holds, with how many
 * conversations and messages wait for one. A plugin of its own on a static path, so a
 * `/api/channels/:id` route never captures it (static paths win in Fastify's router). Admin-only:
 * an unrouted account belongs to no channel, so no agent's scope holds it.
 */
export async function unroutedRoutes(app: FastifyInstance, options: { sql: SqlPool }) {
  const { sql } = options;
  app.get(
    '/channels/unrouted',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'listUnroutedAccounts',
        summary: 'List the accounts webhooks named that no channel holds (admins)',
        tags: ['channels'],
        response: {
          200: objectOf({ accounts: { type: 'array', items: unroutedAccount } }),
          ...errorResponses(403),
        },
      },
    },
    async () => ({ accounts: await listUnroutedAccounts(sql) }),
  );
}
