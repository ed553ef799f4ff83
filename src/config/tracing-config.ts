import { OmniError } from '../errors.js';

/** The samplers OTEL_TRACES_SAMPLER may name that the OpenTelemetry JavaScript SDK has. */
export const TRACE_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

export type TraceSampler = (typeof TRACE_SAMPLERS)[number];

/** The OTLP protocols Omni exports spans with (both over HTTP). */
const PROTOCOLS = ['http/protobuf', 'http/json'] as const;

/** OpenTelemetry traces, from the standard OTEL_* variables; absent when no OTLP endpoint is set. */
export interface TracingConfig {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans go to its /v1/traces. */
  endpoint: string;
  /** OTEL_EXPORTER_OTLP_PROTOCOL. */
  protocol: (typeof PROTOCOLS)[number];
  /** OTEL_SERVICE_NAME; unset, each process names itself (omni, omni-worker, omni-webhook, …). */
  serviceName?: string;
  /** OTEL_TRACES_SAMPLER. */
  sampler: TraceSampler;
  /** OTEL_TRACES_SAMPLER_ARG: the ratio of the ratio samplers, 0 to 1. */
  samplerRatio: number;
}

function invalid(name: string, why: string): OmniError {
  return new OmniError('OMNI_ERR_CONFIG_INVALID', `${name} ${why}`);
}

/**
 * Reads the OTEL_* variables Omni acts on, checked at start rather than left to the SDK, which
 * would log a bad value and fall back in silence. gRPC is refused: Omni ships the HTTP exporters only.
 */
export function readTracingConfig(values: Partial<Record<string, string>>): TracingConfig | undefined {
  const endpoint = values.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || values.OTEL_SDK_DISABLED === 'true') return undefined;
  const protocol = values.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf';
  if (!(PROTOCOLS as readonly string[]).includes(protocol))
    throw invalid('OTEL_EXPORTER_OTLP_PROTOCOL', `must be one of ${PROTOCOLS.join(', ')} (grpc is not supported)`);
  const sampler = values.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on';
  if (!(TRACE_SAMPLERS as readonly string[]).includes(sampler))
    throw invalid('OTEL_TRACES_SAMPLER', `must be one of ${TRACE_SAMPLERS.join(', ')}`);
  const ratio = Number(values.OTEL_TRACES_SAMPLER_ARG ?? '1');
  if (!(ratio >= 0 && ratio <= 1)) throw invalid('OTEL_TRACES_SAMPLER_ARG', 'must be a number from 0 to 1');
  return {
    endpoint,
    protocol: protocol as TracingConfig['protocol'],
    serviceName: values.OTEL_SERVICE_NAME,
    sampler: sampler as TraceSampler,
    samplerRatio: ratio,
  };
}
