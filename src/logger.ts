import { isSpanContextValid, trace } from '@opentelemetry/api';
import { type DestinationStream, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';

/** Header names whose values are credentials; they are redacted in logs and in webhook_logs. */
export const SECRET_HEADERS = [
  'x-hub-signature-256',
  'x-hub-signature',
  'x-telegram-bot-api-secret-token',
  'authorization',
  'cookie',
];

/** Where log lines go, and whether a person reads them there (a terminal) or a machine does. */
export interface LogOutput {
  isTTY: boolean;
  destination?: DestinationStream;
}

const stdout = (): LogOutput => ({ isTTY: Boolean(process.stdout.isTTY) });

/**
 * The process's logger. On a terminal its lines go through pino-pretty (coloured, one readable line
 * each, in-process: no transport thread); anywhere else (a pipe, a file, CloudWatch) they stay JSON,
 * one object a line, for whatever collects them.
 */
export function createLogger(level: string, name = 'omni', output: LogOutput = stdout()): Logger {
  const options = {
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
  };
  if (output.isTTY) return pino(options, pretty({ destination: output.destination ?? 1, sync: true }));
  return output.destination ? pino(options, output.destination) : pino(options);
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
