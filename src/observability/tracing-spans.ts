import {
  type Context,
  context,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  type SpanOptions,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

// The API's proxy tracer: a no-op until `startTracing` registers the SDK, then the SDK's tracer.
const tracer = trace.getTracer('omni');

/** W3C trace context as text fields (`traceparent`, `tracestate`): what travels on an SQS message. */
export type TraceCarrier = Record<string, string>;

/**
 * Runs `work` in a new span, a child of `parent` (else of the active span), ended when it settles;
 * a throw marks the span failed and is rethrown. Without the SDK this costs a no-op span.
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions & { parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const { parent, ...spanOptions } = options;
  return tracer.startActiveSpan(name, spanOptions, parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A trace context (the active one by default) as text fields; empty when nothing is traced. */
export function traceCarrier(of: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(of, carrier);
  return carrier;
}

/** The context a carrier names, to parent a span on; the root context for an empty one. */
export function contextOf(carrier: TraceCarrier | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

/** The active context, kept to parent later work on (a queue send, a shared statement). */
export function activeContext(): Context {
  return context.active();
}

/**
 * The parent and links of a span that works for many traced requests or messages at once (a batch):
 * it continues the first one's trace and links the others, so each trace reaches the shared work.
 */
export function batchParent(contexts: Context[]): { parent: Context; links: Link[] } {
  const links = contexts
    .slice(1)
    .map((c) => trace.getSpanContext(c))
    .filter((s) => s !== undefined)
    .map((spanContext) => ({ context: spanContext }));
  return { parent: contexts[0] ?? ROOT_CONTEXT, links };
}

/** A PostgreSQL statement's span attributes (OpenTelemetry database conventions). */
export function databaseAttributes(operation: string, summary: string): Record<string, string> {
  return { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.summary': summary };
}
