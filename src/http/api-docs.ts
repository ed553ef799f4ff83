import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from './api/authenticate.js';
import { endpointEventDocs } from './endpoint-event-docs.js';

/** The areas the operations are grouped by, in the order Swagger UI shows them. */
const TAGS = [
  ['auth', 'Logging in and out; who is calling'],
  ['conversations', 'The conversation list, one conversation, its messages, replies and workflow'],
  ['contacts', 'Contacts, their export, erasure and merges'],
  ['media', 'Stored attachments and uploads to reply with'],
  ['events', 'The live event stream'],
  ['channels', 'Connected accounts (admins change them)'],
  ['templates', 'WhatsApp message templates'],
  ['canned responses', "The team's canned responses (admins change them)"],
  ['users', 'Agents and admins (admins only)'],
  ['audit', 'The audit log (admins only)'],
  ['status', "Omni's health (admins only)"],
  ['webhooks', 'What the platforms POST to Omni, signed'],
  ['outgoing events', 'What Omni POSTs to subscribed endpoints, signed (Standard Webhooks)'],
].map(([name, description]) => ({ name, description }));

/** Whether a route is in the document: the API and the platforms' webhook routes; health, metrics and the dashboard page stay out. */
export function isDocumentedRoute(url: string): boolean {
  return /^\/(api|webhook)\//.test(url);
}

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

/** A route's schema with each answer described: its own words, else the status's (OK, Created…), never "Default Response". */
function describeAnswers(schema: FastifySchema): FastifySchema {
  const responses = Object.entries((schema?.response ?? {}) as Record<string, { description?: string }>);
  const described = responses.map(([status, answer]) => [
    status,
    { ...answer, description: answer.description ?? STATUS_CODES[Number(status)] },
  ]);
  return { ...schema, response: Object.fromEntries(described) };
}

/**
 * A route's `config.swaggerTransform` for a body Fastify must not parse or validate (raw webhook
 * bytes, an upload's stream): the document shows `body`, the route itself declares none.
 */
export function documentBody(body: object) {
  return ({ schema, url }: { schema: FastifySchema; url: string }) => ({
    schema: describeAnswers({ ...schema, body }),
    url,
  });
}

/**
 * OpenAPI 3.1 for the dashboard API, generated from the routes' own JSON schemas (one source of
 * truth; the tests check every answer against them): the document at `/docs/json` and Swagger UI at
 * `/docs`. The docs are public: they describe the API, they hold no data. Beside `/api`, the
 * platforms' webhook routes are listed with their signature headers, and the events Omni sends to
 * subscribed endpoints as `webhooks`. Register it before the routes, so it sees every one of them.
 */
export const apiDocs = fp(
  async function apiDocs(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        // 3.1: JSON Schema 2020-12, so `type: ['string', 'null']` is stated as the routes declare it, and `webhooks`.
        openapi: '3.1.0',
        info: { title: 'Omni dashboard API', version: '1' },
        tags: TAGS,
        webhooks: endpointEventDocs(),
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/login' },
            token: { type: 'http', scheme: 'bearer', description: 'An API token from `omni token create`' },
          },
        },
        security: [{ session: [] }, { token: [] }],
      },
      transform: ({ schema, url }) => ({
        schema: isDocumentedRoute(url) ? describeAnswers(schema) : { ...schema, hide: true },
        url,
      }),
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
