import type { Logger } from 'pino';
import type { TracingConfig } from '../config/tracing-config.js';

/** A process's tracing: `flush` exports what has ended (a Lambda, before it returns); `shutdown` flushes and stops. */
export interface Tracing {
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

const OFF: Tracing = { flush: async () => {}, shutdown: async () => {} };

let started: Promise<Tracing> | undefined;
let sdkLoaded = false;

/** Whether this process has imported the OpenTelemetry SDK: never, while no OTLP endpoint is configured. */
export function tracingSdkLoaded(): boolean {
  return sdkLoaded;
}

/**
 * Starts the OpenTelemetry SDK when an OTLP endpoint is configured, once per process (`omni serve`
 * with its embedded worker starts it once). Without one the SDK is never imported: the spans the
 * code makes through `@opentelemetry/api` stay its no-op spans, and no context is propagated.
 */
export function startTracing(
  config: TracingConfig | undefined,
  defaultServiceName: string,
  logger: Logger,
): Promise<Tracing> {
  if (!config) return Promise.resolve(OFF);
  started ??= loadSdk(config, defaultServiceName, logger);
  return started;
}

async function loadSdk(config: TracingConfig, defaultServiceName: string, logger: Logger): Promise<Tracing> {
  sdkLoaded = true;
  // Imported here, not at the top: a process without OTEL_EXPORTER_OTLP_ENDPOINT never loads them.
  const [api, node, base, resources, exporters] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
    config.protocol === 'http/json'
      ? import('@opentelemetry/exporter-trace-otlp-http')
      : import('@opentelemetry/exporter-trace-otlp-proto'),
  ]);
  // Export failures would otherwise go nowhere; the SDK's chatter below a warning stays out of the logs.
  api.diag.setLogger(
    {
      error: (message, ...args) => logger.warn({ args }, `tracing: ${message}`),
      warn: (message, ...args) => logger.warn({ args }, `tracing: ${message}`),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    api.DiagLogLevel.WARN,
  );
  const resource = resources
    .defaultResource()
    .merge(resources.detectResources({ detectors: [resources.envDetector] }))
    .merge(resources.resourceFromAttributes({ 'service.name': config.serviceName ?? defaultServiceName }));
  const ratio = new base.TraceIdRatioBasedSampler(config.samplerRatio);
  const samplers = {
    always_on: new base.AlwaysOnSampler(),
    always_off: new base.AlwaysOffSampler(),
    traceidratio: ratio,
    parentbased_always_on: new base.ParentBasedSampler({ root: new base.AlwaysOnSampler() }),
    parentbased_always_off: new base.ParentBasedSampler({ root: new base.AlwaysOffSampler() }),
    parentbased_traceidratio: new base.ParentBasedSampler({ root: ratio }),
  };
  const exporter = new exporters.OTLPTraceExporter({ url: `${config.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new node.NodeTracerProvider({
    resource,
    sampler: samplers[config.sampler],
    // The batch processor reads OTEL_BSP_SCHEDULE_DELAY and the other OTEL_BSP_* variables itself.
    spanProcessors: [new base.BatchSpanProcessor(exporter)],
  });
  // The global tracer, AsyncLocalStorage context and the W3C traceparent propagator.
  provider.register();
  logger.info(
    { endpoint: config.endpoint, protocol: config.protocol, sampler: config.sampler, ratio: config.samplerRatio },
    'tracing: spans exported over OTLP',
  );
  return {
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
