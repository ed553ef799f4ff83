import t from 'tap';
import { channelSigning, postWebhookTo } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { deploymentEnv, listeningUrl, startOmniProcess } from '../helpers/omni-process.js';
import { startOtlpReceiver } from '../helpers/otlp-receiver.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';

t.test('one webhook through omni serve and a separate omni-worker is one trace with spans from both', async (t) => {
  const { url } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const receiver = await startOtlpReceiver(t);
  const env = deploymentEnv(url, queue);
  const tracing = {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '50',
  };
  const server = await startOmniProcess(
    t,
    'omni',
    ['serve'],
    { ...env, ...tracing, OTEL_SERVICE_NAME: 'omni-server-test' },
    /omni serving/,
  );
  await startOmniProcess(
    t,
    'omni-worker',
    ['consume'],
    { ...env, ...tracing, OTEL_SERVICE_NAME: 'omni-worker-test' },
    /worker consuming/,
  );

  const answer = await postWebhookTo(listeningUrl(server), 'whatsapp', whatsAppTextBody('wamid.TRACE1', 1750004000));
  t.equal(answer.status, 200);

  const request = await waitFor('the webhook request span', async () =>
    receiver.spans.find((s) => s.service === 'omni-server-test' && s.name === 'POST /webhook/:platform'),
  );
  const trace = () => receiver.spans.filter((s) => s.traceId === request.traceId);
  // The worker's last span of the item to end: its processing, which holds the announcement to the
  // dashboards (the announcement's span ends first and may be exported in an earlier batch).
  const consumed = await waitFor('the processing span from the worker', async () =>
    trace().find((s) => s.service === 'omni-worker-test' && s.name.startsWith('queue process')),
  );
  const names = (service: string) =>
    new Set(
      trace()
        .filter((s) => s.service === service)
        .map((s) => s.name),
    );
  for (const name of ['webhook verify', 'webhook parse', 'webhook commit', 'db ingest', 'sqs send'])
    t.ok(names('omni-server-test').has(name), `the server's part of the trace has "${name}"`);
  for (const name of ['db file items', 'announce processed'])
    t.ok(names('omni-worker-test').has(name), `the worker's part of the trace has "${name}"`);
  const send = trace().find((s) => s.name === 'sqs send')!;
  t.equal(consumed.parentSpanId, send.spanId, "the worker's processing is a child of the server's SQS send");

  // A rejection is logged inside its request's span.
  const forged = await postWebhookTo(
    listeningUrl(server),
    'whatsapp',
    whatsAppTextBody('wamid.TRACE2', 1750004001),
    channelSigning('whatsapp', 'not-the-app-secret'),
  );
  t.equal(forged.status, 401);
  const logged = await waitFor('the rejection logged with its trace', async () =>
    /"trace_id":"([0-9a-f]{32})","span_id":"[0-9a-f]{16}".*"msg":"webhook rejected"/.exec(server.output()),
  );
  await waitFor('the rejected request exported', async () => receiver.spans.some((s) => s.traceId === logged[1]));
  t.pass('the log line names the trace of its request');
});
