import type { Logger } from 'pino';
import { buildMetricsApp } from '../http/metrics-app.js';

export interface MetricsServer {
  url: string;
  stop(): Promise<void>;
}

/** Serves this process's `/metrics` on its own port (a worker has no other HTTP server), behind METRICS_TOKEN when set. */
export async function startMetricsServer(options: {
  port: number;
  host: string;
  metricsToken?: string;
  logger: Logger;
}): Promise<MetricsServer> {
  const app = buildMetricsApp({ logger: options.logger, metricsToken: options.metricsToken });
  const url = await app.listen({ port: options.port, host: options.host });
  return { url, stop: () => app.close() };
}
