// Every module this process loads is noted from the start, so the test can tell whether the
// OpenTelemetry SDK was ever loaded; the modules under test are imported after the hook.
import { registerHooks } from 'node:module';
import t from 'tap';

const loaded: string[] = [];
registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url);
    return nextLoad(url, context);
  },
});
const SDK = /@opentelemetry\/(sdk-trace|exporter-trace|otlp-|resources)/;

const { createTestApp, postWebhook, silentLogger } = await import('../helpers/app.js');
const { createTestDatabase } = await import('../helpers/database.js');
const { startOtlpReceiver } = await import('../helpers/otlp-receiver.js');
const { createTestQueue } = await import('../helpers/queue.js');
const { waitFor } = await import('../helpers/wait-for.js');
const { startTestWorker, waitUntilProcessed } = await import('../helpers/worker.js');
const { whatsAppTextBody } = await import('../helpers/webhook-bodies.js');
const { loadConfig } = await import('../../src/config/load-config.js');
const { startTracing, tracingSdkLoaded } = await import('../../src/observability/tracing.js');

t.test('with no OTEL_* variable, a webhook is stored and processed without loading the SDK', async (t) => {
  const config = loadConfig({});
  t.equal(config.tracing, undefined, 'no tracing configured');
  await startTracing(config.tracing, 'omni', silentLogger);
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, outbox } = await createTestApp(t, { sql, queue });
  startTestWorker(t, sql, queue);
  t.equal((await postWebhook(app, 'whatsapp', whatsAppTextBody('wamid.UNTRACED', 1750005000))).statusCode, 200);
  await outbox.drain();
  await waitUntilProcessed(sql, ['wamid.UNTRACED']);
  t.notOk(tracingSdkLoaded(), 'the SDK was not started');
  t.same(
    loaded.filter((url) => SDK.test(url)),
    [],
    'no SDK or exporter module was loaded',
  );
});

t.test('an OTLP endpoint loads the SDK and the spans of a webhook reach it', async (t) => {
  const receiver = await startOtlpReceiver(t);
  const config = loadConfig({
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  });
  const tracing = await startTracing(config.tracing, 'omni-in-process', silentLogger);
  t.teardown(() => tracing.shutdown());
  t.ok(tracingSdkLoaded());
  t.ok(
    loaded.some((url) => url.includes('@opentelemetry/sdk-trace-node')),
    'the hook sees the SDK once it is loaded',
  );
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  t.equal((await postWebhook(app, 'whatsapp', whatsAppTextBody('wamid.TRACED', 1750005001))).statusCode, 200);
  await tracing.flush();
  const request = await waitFor('the request span', async () =>
    receiver.spans.find((s) => s.name === 'POST /webhook/:platform'),
  );
  t.equal(request.service, 'omni-in-process', 'the process names itself when OTEL_SERVICE_NAME is unset');
});

t.test('OTLP over gRPC and unknown samplers are refused at start, naming the variable', async (t) => {
  const endpoint = 'http://127.0.0.1:4318';
  t.throws(
    () => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    /OTEL_EXPORTER_OTLP_PROTOCOL must be one of http\/protobuf, http\/json/,
  );
  t.throws(
    () => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER: 'jaeger_remote' }),
    /OTEL_TRACES_SAMPLER must be one of/,
  );
  t.throws(
    () => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER_ARG: '10%' }),
    /OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1/,
  );
  t.same(
    loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
    }).tracing,
    {
      endpoint,
      protocol: 'http/protobuf',
      serviceName: undefined,
      sampler: 'parentbased_traceidratio',
      samplerRatio: 0.1,
    },
  );
});
