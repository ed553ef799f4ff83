import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { sendError } from './error-reply.js';
import { metricsRoute } from './metrics-route.js';

/**
 * The HTTP app of a process that serves nothing else (`omni-worker consume --metrics-port`):
 * `/metrics` as the server has it, and `/healthz`. Never listens itself.
 */
export function buildMetricsApp(deps: { logger: Logger; metricsToken?: string }): FastifyInstance {
  const app = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger });
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ ok: true }));
  app.register(metricsRoute, { metricsToken: deps.metricsToken });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 'OMNI_ERR_WEBHOOK_PLATFORM_UNKNOWN', 'Not found'));
  return app;
}
