import { inClientSpan } from '../net/client-span.js';
import { platformApiDuration } from '../observability/metrics.js';
import { PLATFORM_NAMES, type SendOutcome } from './types.js';

/** What one send request got back: an answer of any status, or none. */
export type HttpAnswer =
  | { answered: true; status: number; retryAfter: string | null; body: unknown }
  | { answered: false; sent: 'no' | 'maybe'; reason: string };

/** Errors raised before a single byte left: the platform cannot have seen the request. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * POSTs JSON, or a FormData as multipart/form-data (fetch writes its boundary), with Node's fetch
 * (undici underneath keeps connections alive between sends). `label` names the call in reasons
 * ("telegram sendMessage") because the URL may hold a token and must never reach a log or the
 * database; so no error's own message or cause is passed on either.
 */
export async function postRequest(
  url: string,
  request: { label: string; body: unknown; headers?: Record<string, string>; timeoutMs: number },
): Promise<HttpAnswer> {
  const multipart = request.body instanceof FormData;
  return platformRequest(url, request, {
    method: 'POST',
    headers: { ...(multipart ? {} : { 'content-type': 'application/json' }), ...request.headers },
    body: multipart ? (request.body as FormData) : JSON.stringify(request.body),
  });
}

/** A GET of a platform's API (a profile, an account check), answered and labelled as `postRequest` is. */
export async function getRequest(
  url: string,
  request: { label: string; headers?: Record<string, string>; timeoutMs: number },
): Promise<HttpAnswer> {
  return platformRequest(url, request, { method: 'GET', headers: request.headers });
}

function platformRequest(
  url: string,
  request: { label: string; timeoutMs: number },
  init: RequestInit & { method: string },
): Promise<HttpAnswer> {
  return inClientSpan(
    init.method,
    url,
    () => answerOf(url, request, init),
    (answer) => (answer.answered ? answer.status : undefined),
  );
}

async function answerOf(
  url: string,
  request: { label: string; timeoutMs: number },
  init: RequestInit,
): Promise<HttpAnswer> {
  const endTimer = platformApiDuration.startTimer(apiCallLabels(url, request.label));
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(request.timeoutMs) });
  } catch (error) {
    endTimer({ status: 'none' });
    const code = errorCode(error);
    if (code && NOT_SENT_CODES.has(code)) return { answered: false, sent: 'no', reason: `${request.label}: ${code}` };
    const what =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer in ${request.timeoutMs} ms`
        : (code ?? 'connection failed');
    return { answered: false, sent: 'maybe', reason: `${request.label}: ${what}` };
  }
  const text = await response.text().catch(() => '');
  endTimer({ status: String(response.status) });
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { answered: true, status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

/**
 * Which platform and endpoint kind a call is, with few enough values to label a metric: the
 * platform is the label's first word (`telegram sendMessage`, `whatsapp messages`), or `meta` for
 * Graph calls several platforms share (`Graph GET /me`); the endpoint is the URL's last path
 * segment when it is a name (`sendMessage`, `messages`, `media`, `me`), else `node` (a Graph object
 * by id). The Bot API token sits in an earlier segment, so it never becomes a label.
 */
export function apiCallLabels(url: string, label: string): { platform: string; endpoint: string } {
  const first = label.split(' ')[0];
  const platform = (PLATFORM_NAMES as readonly string[]).includes(first) ? first : 'meta';
  const last = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '';
  return { platform, endpoint: /^[A-Za-z_]+$/.test(last) ? last : 'node' };
}

function errorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** A request that got no answer: a retry is safe only when it never left. */
export function unansweredOutcome(answer: {
  sent: 'no' | 'maybe';
  reason: string;
}): Extract<SendOutcome, { outcome: 'unavailable' | 'unknown' }> {
  return answer.sent === 'no'
    ? { outcome: 'unavailable', reason: answer.reason }
    : { outcome: 'unknown', reason: answer.reason };
}
