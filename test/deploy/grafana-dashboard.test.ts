import { readFile } from 'node:fs/promises';
import t from 'tap';
import { declaredMetrics, scrape, startMetricsDeployment } from '../helpers/metrics-deployment.js';

const DASHBOARD = new URL('../../deploy/grafana/omni-dashboard.json', import.meta.url);

/** PromQL's functions and keywords, and Grafana's variables: words in a query that name no metric. */
const NOT_METRICS = /^(sum|max|min|avg|rate|by|le|histogram_quantile)$/;

/** The metric families a query reads: a histogram's `_bucket`, `_sum` and `_count` are its own family. */
function metricsOf(expr: string): string[] {
  const words = expr.replace(/\{[^}]*\}|\[[^\]]*\]/g, ' ').match(/[a-z_][a-z0-9_]*(?=\s*[\s{[)]|$)/g) ?? [];
  return words
    .filter((word) => !NOT_METRICS.test(word) && /_/.test(word) && !word.startsWith('__'))
    .map((word) => word.replace(/_(bucket|sum|count)$/, ''));
}

t.test(
  'the Grafana dashboard parses, and every metric its queries read is served by the server or the worker',
  async (t) => {
    const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8')) as {
      title: string;
      panels: { title: string; targets: { expr: string }[] }[];
    };
    t.ok(dashboard.panels.length > 0, `"${dashboard.title}" has panels`);
    const { serverMetrics, workerMetrics } = await startMetricsDeployment(t);
    const served = new Set([
      ...declaredMetrics(await scrape(serverMetrics)),
      ...declaredMetrics(await scrape(workerMetrics)),
    ]);
    const read = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((target) => metricsOf(target.expr).map((metric) => ({ panel: panel.title, metric }))),
    );
    t.ok(read.length >= dashboard.panels.length, 'every panel reads a metric');
    for (const { panel, metric } of read) t.ok(served.has(metric), `${panel}: ${metric} is served`);
  },
);
