import { metricsRegistry } from './metrics.js';

/** Refreshes gauges that are read, not counted (a table's rows, a pool's connections), just before a scrape. */
export type MetricsSampler = () => Promise<void>;

const samplers = new Set<MetricsSampler>();

/**
 * Adds a sampler every scrape awaits; answers its removal, for when its source closes. A process
 * adds those it can answer for: the server its event streams, every process its pool and tables.
 */
export function addMetricsSampler(sampler: MetricsSampler): () => void {
  samplers.add(sampler);
  return () => samplers.delete(sampler);
}

/**
 * The registry in Prometheus's text format, after every sampler has run. A sampler that fails
 * (the database down) leaves its gauges at their last values and is reported to `onError`, so one
 * broken source never hides the others.
 */
export async function scrapeMetrics(onError: (error: unknown) => void): Promise<{ contentType: string; body: string }> {
  const results = await Promise.allSettled([...samplers].map((sample) => sample()));
  for (const result of results) if (result.status === 'rejected') onError(result.reason);
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
