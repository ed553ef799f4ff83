import type { FastifyInstance } from 'fastify';
import { listLiveChannels } from '../../store/channel-list.js';
import type { SqlPool } from '../../store/database.js';
import { channelSummary } from './schemas.js';

/**
 * `GET /api/channels`: the live channels, by platform then name, for the dashboard's filter and for
 * admins. Read-only here; no secret and no hint of one is ever in the answer (the response schema
 * lets only the listed fields through).
 */
export async function channelRoutes(app: FastifyInstance, options: { sql: SqlPool }) {
  const { sql } = options;
  app.get(
    '/channels',
    {
      schema: {
        response: { 200: { type: 'object', properties: { channels: { type: 'array', items: channelSummary } } } },
      },
    },
    async () => ({ channels: await listLiveChannels(sql) }),
  );
}
