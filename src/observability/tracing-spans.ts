import {
  type Context,
  context,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  type SpanOptions,
  SpanStatusCode,
  TraceFlags,
  trace,
} from '@opentelemetry/api';

// The API's proxy tracer: a no-op until `startTracing` registers the SDK, then the SDK's tracer.
const tracer = trace.getTracer('omni');

/** W3C trace context as text fields (`traceparent`, `tracestate`): what travels on an SQS message. */
export type TraceCarrier = Record<string, string>;

/**
 * Runs `work` in a new span, a child of `parent` (else of the active span), ended when it settles;
 * a throw marks the span failed and is rethrown. Without the SDK this costs a no-op span. Under a
 * parent of this process that is not sampled no span is made at all: `work` runs in the parent's
 * context and is handed its non-recording span (see `unsampledHere`).
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions & { parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  // `options` goes to the SDK as it is: it reads the span options and ignores `parent` (no copy per span).
  const active = context.active();
  const parentContext = options.parent ?? active;
  const parentSpan = trace.getSpan(parentContext);
  if (parentSpan && unsampledHere(parentSpan))
    return parentContext === active ? work(parentSpan) : context.with(parentContext, work, undefined, parentSpan);
  // A span the sampler dropped (or the API's no-op) records nothing: no need to wait on the work to end it.
  return tracer.startActiveSpan(name, options, parentContext, (span) =>
    span.isRecording() ? recorded(span, work) : work(span),
  );
}

async function recorded<T>(span: Span, work: (span: Span) => Promise<T>): Promise<T> {
  try {
    return await work(span);
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Whether a span under `parent` would be dropped anyway: the parent is this process's (not a remote
 * one from a message) and neither recorded nor sampled. Every sampler Omni offers decides a trace
 * once, at its root here (the parent-based ones follow the parent, `traceidratio` reads the same
 * trace id, `always_on` samples every root), so asking the SDK again would only cost the ids, the
 * sampler, the context and the AsyncLocalStorage frame of a span nobody sees: 90% of webhooks at 10%
 * sampling. (With no SDK no context is kept, so there is never a parent: each span is the API's no-op.)
 */
function unsampledHere(parent: Span): boolean {
  const { traceFlags, isRemote } = parent.spanContext();
  return !isRemote && !parent.isRecording() && (traceFlags & TraceFlags.SAMPLED) === 0;
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
 * it continues the first sampled one's trace and links the other sampled ones, so each exported
 * trace reaches the shared work (a trace that is not sampled is exported nowhere: a link to it leads
 * nowhere). With none sampled, the parent is the first context, and the span follows its decision.
 */
export function batchParent(contexts: Context[]): { parent: Context; links: Link[] } {
  let parent: Context | undefined;
  const links: Link[] = [];
  for (const c of contexts) {
    const spanContext = trace.getSpanContext(c);
    if (!spanContext || (spanContext.traceFlags & TraceFlags.SAMPLED) === 0) continue;
    if (parent) links.push({ context: spanContext });
    else parent = c;
  }
  return { parent: parent ?? contexts[0] ?? ROOT_CONTEXT, links };
}

/** A PostgreSQL statement's span attributes (OpenTelemetry database conventions). */
export function databaseAttributes(operation: string, summary: string): Record<string, string> {
  return { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.summary': summary };
}
