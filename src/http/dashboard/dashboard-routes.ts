import type { FastifyInstance } from 'fastify';
import { DASHBOARD_JS } from './client.js';
import { DASHBOARD_CSS, DASHBOARD_HTML } from './page.js';

// The page loads only its own script and stylesheet and talks only to its own API: no inline code,
// no third-party origin, and no framing (the login form cannot be clickjacked).
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

const ASSETS = [
  { url: '/', type: 'text/html; charset=utf-8', body: DASHBOARD_HTML },
  { url: '/dashboard.js', type: 'text/javascript; charset=utf-8', body: DASHBOARD_JS },
  { url: '/dashboard.css', type: 'text/css; charset=utf-8', body: DASHBOARD_CSS },
];

/** The agent dashboard: one static page and its two assets; all data comes from `/api`. */
export async function dashboardRoutes(app: FastifyInstance) {
  for (const asset of ASSETS) {
    app.get(asset.url, { logLevel: 'warn' }, async (_request, reply) =>
      reply.headers(SECURITY_HEADERS).type(asset.type).send(asset.body),
    );
  }
  // Browsers ask for one on their own; no icon beats a 404 in every console.
  app.get('/favicon.ico', { logLevel: 'warn' }, async (_request, reply) => reply.code(204).send());
}
