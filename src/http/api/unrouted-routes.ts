import type { FastifyInstance } from 'fastify';
import type { SqlPool } from '../../store/database.js';
import { listUnroutedAccounts } from '../../store/unrouted.js';
import { requireAdmin } from './authenticate.js';
import { errorResponse } from './schemas.js';

const unroutedAccount = {
  type: 'object',
  properties: {
    platform: { type: 'string' },
    account: { type: ['string', 'null'] },
    conversations: { type: 'integer' },
    messages: { type: 'integer' },
    lastMessageAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

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
        response: {
          200: { type: 'object', properties: { accounts: { type: 'array', items: unroutedAccount } } },
          403: errorResponse,
        },
      },
    },
    async () => ({ accounts: await listUnroutedAccounts(sql) }),
  );
}
