import type { FastifyInstance } from 'fastify';
import { scrapeMetrics } from '../observability/metrics-scrape.js';
import { metricsGuard } from './metrics-guard.js';

export interface MetricsRouteOptions {
  /** METRICS_TOKEN: the bearer token `/metrics` asks for; without one, it is open. */
  metricsToken?: string;
}

/** `GET /metrics`: the process's Prometheus metrics, behind METRICS_TOKEN when it is set. */
export async function metricsRoute(app: FastifyInstance, options: MetricsRouteOptions) {
  app.get('/metrics', { logLevel: 'warn', onRequest: metricsGuard(options.metricsToken) }, async (request, reply) => {
    const { contentType, body } = await scrapeMetrics((error) =>
      request.log.warn({ err: error }, 'metrics: a sampler failed; its gauges keep their last values'),
    );
    return reply.type(contentType).send(body);
  });
}
