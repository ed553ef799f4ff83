import type { FastifyInstance } from 'fastify';
import { type DashboardAssets, loadDashboardAssets } from './dashboard-assets.js';
import { dashboardHtml, NOT_BUILT_TEXT } from './page.js';

/**
 * The addresses the dashboard routes in the browser (web/router.ts): each answers the same page,
 * so a bookmark or a reload opens that screen.
 */
export const APP_PATHS = [
  '/',
  '/login',
  '/conversations/:id',
  '/admin/users',
  '/admin/channels',
  '/admin/tokens',
  '/admin/endpoints',
] as const;

// The page loads only its own script and stylesheet and talks only to its own API: no inline code,
// no third-party origin, and no framing (the login form cannot be clickjacked).
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
};

/** A hashed file never changes under its name: a browser keeps it for a year without asking. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface DashboardRoutesOptions {
  /** The built bundle; by default what `npm run build` wrote to dist/web/. */
  assets?: DashboardAssets | null;
}

/** The agent dashboard: one page at each of its addresses and its hashed assets; all data comes from `/api`. */
export async function dashboardRoutes(app: FastifyInstance, options: DashboardRoutesOptions = {}) {
  const assets = options.assets === undefined ? loadDashboardAssets() : options.assets;
  if (!assets) app.log.warn('the dashboard is not built (no dist/web/manifest.json): its pages answer 503');
  const page = assets ? dashboardHtml(assets) : null;

  for (const url of APP_PATHS) {
    app.get(url, { logLevel: 'warn' }, async (_request, reply) => {
      // The page names the current bundle, so it is asked for again each time (no-cache), unlike the bundle.
      reply.headers({ ...SECURITY_HEADERS, 'cache-control': 'no-cache' });
      if (!page) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT_TEXT);
      return reply.type('text/html; charset=utf-8').send(page);
    });
  }
  app.get<{ Params: { file: string } }>('/assets/:file', { logLevel: 'warn' }, async (request, reply) => {
    const asset = assets?.files.get(request.params.file);
    if (!asset) return reply.code(404).headers(SECURITY_HEADERS).type('text/plain; charset=utf-8').send('Not found\n');
    return reply
      .headers({ ...SECURITY_HEADERS, 'cache-control': IMMUTABLE })
      .type(asset.type)
      .send(asset.body);
  });
  // Browsers ask for one on their own; no icon beats a 404 in every console.
  app.get('/favicon.ico', { logLevel: 'warn' }, async (_request, reply) => reply.code(204).send());
}
