import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from './api/authenticate.js';

/** The Content-Security-Policy of `/docs`: its own scripts, styles and data: images, nothing framing it. */
const DOCS_CSP = {
  'default-src': "'self'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
  'object-src': "'none'",
  'script-src': "'self'",
  'script-src-attr': "'none'",
  // The one <style> element Swagger UI's bundle (swagger-ui-dist 5.34) inserts as it renders, by hash;
  // the browser test of /docs names the hash to add should an upgrade change it.
  'style-src': "'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='",
  'img-src': "'self' data:",
  'font-src': "'self' data:",
};

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
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      logLevel: 'warn',
      // The page loads Swagger UI's own files and runs no inline script, so scripts are 'self' only.
      staticCSP: DOCS_CSP,
      // Swagger UI would otherwise show a badge fetched from validator.swagger.io, sending it the URL.
      uiConfig: { validatorUrl: null },
    });
  },
  { name: 'api-docs' },
);
