import { SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('omni');

/**
 * Runs one outgoing HTTP request (with its redirects) in a client span: method, scheme, host and
 * port, and the answer's status. Never the path or query, which may hold a token (Telegram's bot
 * token is in its path). An answer of 500 or more, or none, marks the span failed.
 */
export function inClientSpan<T>(
  method: string,
  target: string | URL,
  request: () => Promise<T>,
  statusOf: (answer: T) => number | undefined,
): Promise<T> {
  // Under a span of this process that is not sampled this one would be dropped too: skip making it
  // (observability's `unsampledHere` says why; net stands on the same floor, so cannot import it).
  const parent = trace.getActiveSpan();
  if (parent && !parent.isRecording()) {
    const { isRemote, traceFlags } = parent.spanContext();
    if (!isRemote && !(traceFlags & TraceFlags.SAMPLED)) return request();
  }
  const url = new URL(target);
  const attributes = {
    'http.request.method': method,
    'url.scheme': url.protocol.replace(':', ''),
    'server.address': url.hostname,
    'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
  };
  return tracer.startActiveSpan(method, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const answer = await request();
      const status = statusOf(answer);
      if (status !== undefined) span.setAttribute('http.response.status_code', status);
      if (status === undefined || status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return answer;
    } catch (error) {
      span.setAttribute('error.type', error instanceof Error ? error.name : 'unknown');
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
