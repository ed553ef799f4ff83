import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from './api/authenticate.js';

/**
 * OpenAPI for the dashboard API, generated from the routes' own JSON schemas (one source of truth):
 * the document at `/docs/json` and Swagger UI at `/docs`. The docs are public: they describe the
 * API, they hold no data. Only `/api` routes are listed; webhooks are for the platforms, not clients.
 * Register it before the routes, so it sees every one of them.
 */
export const apiDocs = fp(
  async function apiDocs(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        info: { title: 'Omni dashboard API', version: '1' },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/login' },
            token: { type: 'http', scheme: 'bearer', description: 'An API token from `omni token create`' },
          },
        },
        security: [{ session: [] }, { token: [] }],
      },
      transform: ({ schema, url }) => ({ schema: url.startsWith('/api/') ? schema : { ...schema, hide: true }, url }),
    });
    await app.register(swaggerUi, { routePrefix: '/docs', logLevel: 'warn' });
  },
  { name: 'api-docs' },
);
