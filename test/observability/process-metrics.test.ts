import t from 'tap';
import { declaredMetrics, scrape, startMetricsDeployment } from '../helpers/metrics-deployment.js';

const HISTOGRAMS = [
  'omni_webhook_duration_seconds',
  'omni_store_commit_duration_seconds',
  'omni_outbox_send_duration_seconds',
  'omni_queue_lag_seconds',
  'omni_job_duration_seconds',
  'omni_platform_api_duration_seconds',
];
const GAUGES = [
  'omni_outbox_pending',
  'omni_outbox_oldest_age_seconds',
  'omni_dlq_depth',
  'omni_event_streams_open',
  'omni_db_pool_connections',
  'omni_channels',
];

t.test('after a webhook is processed, the server and the worker each serve every histogram and gauge', async (t) => {
  const { serverMetrics, workerMetrics } = await startMetricsDeployment(t);
  const server = await scrape(serverMetrics);
  const worker = await scrape(workerMetrics);
  for (const [name, text] of [
    ['server', server],
    ['worker', worker],
  ] as const) {
    const declared = declaredMetrics(text);
    for (const metric of [...HISTOGRAMS, ...GAUGES, 'process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds'])
      t.ok(declared.has(metric), `${name} declares ${metric}`);
    t.match(text, /^omni_db_pool_connections\{state="max"\} 10$/m, `${name} reports its pool's size`);
    t.match(text, /^omni_channels\{health="healthy"\} \d+$/m, `${name} counts channels by health`);
  }
  t.match(
    server,
    /^omni_webhook_duration_seconds_count\{platform="whatsapp",status="200"\} 1$/m,
    'the server timed the webhook',
  );
  t.match(server, /^omni_store_commit_duration_seconds_count\{operation="ingest"\} 1$/m, 'and its commit');
  t.match(server, /^omni_outbox_send_duration_seconds_count [1-9]/m, 'and the send to SQS');
  t.match(server, /^omni_webhooks_total\{platform="whatsapp",status="200"\} 1$/m, 'the old counter keeps its name');
  t.match(worker, /^omni_queue_lag_seconds_count\{kind="item"\} 1$/m, 'the worker measured the item’s lag');
  t.match(worker, /^omni_store_commit_duration_seconds_count\{operation="file"\} [1-9]/m, 'and its filing');
});

t.test('the worker’s /metrics answers 401 without METRICS_TOKEN as a bearer token', async (t) => {
  const { workerMetrics } = await startMetricsDeployment(t);
  for (const headers of [{}, { authorization: 'Bearer scrape-you' }] as Record<string, string>[]) {
    const refused = await fetch(workerMetrics, { headers });
    t.equal(refused.status, 401, JSON.stringify(headers));
    t.match(await refused.json(), { error: { code: 'OMNI_ERR_METRICS_TOKEN_REQUIRED' } });
  }
  t.match(await scrape(workerMetrics), /omni_dlq_depth/, 'with it, the scrape is served');
});
