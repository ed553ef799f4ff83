import type { Test } from 'tap';
import { postWebhookTo } from './app.js';
import { createTestDatabase } from './database.js';
import { deploymentEnv, listeningUrl, type OmniProcess, startOmniProcess } from './omni-process.js';
import { createTestQueue } from './queue.js';
import { whatsAppTextBody } from './webhook-bodies.js';

export const TEST_METRICS_TOKEN = 'scrape-me';

/** The `/metrics` address a worker logged once it served it. */
function workerMetricsUrl(worker: OmniProcess): string {
  return /"url":"(http:\/\/[^"]+\/metrics)"/.exec(worker.output())![1]!;
}

/**
 * A real deployment, as operators run one: `omni serve` and `omni-worker consume --metrics-port 0`
 * on one database and queue, METRICS_TOKEN set. One WhatsApp webhook has gone through both: the
 * server answered it, and the worker processed it. Answers the two `/metrics` addresses.
 */
export async function startMetricsDeployment(t: Test): Promise<{ serverMetrics: string; workerMetrics: string }> {
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const env = { ...deploymentEnv(url, queue), METRICS_TOKEN: TEST_METRICS_TOKEN };
  const server = await startOmniProcess(t, 'omni', ['serve'], env, /omni serving/);
  const worker = await startOmniProcess(
    t,
    'omni-worker',
    ['consume', '--metrics-port', '0'],
    env,
    /worker serving metrics/,
  );
  const answer = await postWebhookTo(
    listeningUrl(server),
    'whatsapp',
    whatsAppTextBody('wamid.METRICS-1', Math.floor(Date.now() / 1000)),
  );
  t.equal(answer.status, 200, 'the webhook was stored');
  // The worker marks the row processed in the transaction that records its queue lag.
  while ((await sql`select 1 from queue_logs where status = 'processed'`).length === 0)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return { serverMetrics: `${listeningUrl(server)}/metrics`, workerMetrics: workerMetricsUrl(worker) };
}

/** One scrape with METRICS_TOKEN, as Prometheus would make it. */
export async function scrape(url: string): Promise<string> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** The metric families a scrape declares (its `# TYPE` lines). */
export function declaredMetrics(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]!));
}
