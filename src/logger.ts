import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

/** Header names whose values are credentials; they are redacted in logs and in webhook_logs. */
export const SECRET_HEADERS = [
  'x-hub-signature-256',
  'x-hub-signature',
  'x-telegram-bot-api-secret-token',
  'authorization',
  'cookie',
];

export function createLogger(level: string, name = 'omni'): Logger {
  return pino({
    name,
    level,
    mixin: traceFields,
    redact: {
      paths: [
        ...SECRET_HEADERS.map((h) => `req.headers["${h}"]`),
        'headers["x-hub-signature-256"]',
        'headers["x-telegram-bot-api-secret-token"]',
      ],
      censor: '[redacted]',
    },
  });
}

/**
 * The active span's ids on every log line, so a line leads to its trace. Without the SDK no span is
 * ever active and lines are unchanged.
 */
function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const ids = span.spanContext();
  return isSpanContextValid(ids) ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
}

/** A copy of the headers safe to store: credential values replaced, everything else kept for audit. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    copy[name] = SECRET_HEADERS.includes(name.toLowerCase()) ? '[redacted]' : value;
  }
  return copy;
}
