import type { SendOutcome } from '../types.js';
import { retryAfterSeconds } from '../../net/retry-after.js';
import { postRequest, unansweredOutcome } from '../send-http.js';

/** Where a Graph API call goes and with which token (sent as a bearer header, never in the URL). */
export interface GraphTarget {
  baseUrl: string;
  version: string;
  token: string;
  timeoutMs: number;
}

/**
 * Graph error codes that mean "slow down": 4/17/32/613 (app, user and page call limits), 80007
 * (Messenger/Instagram rate limit), 130429 (WhatsApp throughput), 131048 (WhatsApp spam rate
 * limit), 131056 (WhatsApp pair rate: too many to one user).
 */
const THROTTLE_CODES = new Set([4, 17, 32, 613, 80007, 130429, 131048, 131056]);
/** Codes Meta documents as temporary: unknown/service errors, WhatsApp's "something went wrong" and "unavailable". */
const TEMPORARY_CODES = new Set([1, 2, 131000, 131016, 133004]);
/** When a throttle names no delay. */
const DEFAULT_THROTTLE_SECONDS = 30;

interface GraphError {
  message?: string;
  code?: number;
  error_subcode?: number;
  error_data?: { details?: string };
}

/**
 * POSTs JSON or a FormData (multipart) to `/{version}/{path}` and sorts the answer: the body on success, else the outcome by
 * Meta's error code (throttled, temporarily unavailable, or a final rejection with Meta's reason).
 */
export async function postGraph(
  target: GraphTarget,
  path: string,
  body: unknown,
  label: string,
): Promise<{ outcome: 'ok'; body: Record<string, unknown> } | Exclude<SendOutcome, { outcome: 'sent' }>> {
  const answer = await postRequest(`${target.baseUrl.replace(/\/$/, '')}/${target.version}/${path}`, {
    label,
    body,
    headers: { authorization: `Bearer ${target.token}` },
    timeoutMs: target.timeoutMs,
  });
  if (!answer.answered) return unansweredOutcome(answer);
  const error = (answer.body as { error?: GraphError } | null)?.error;
  if (answer.status >= 200 && answer.status < 300 && !error)
    return { outcome: 'ok', body: (answer.body ?? {}) as Record<string, unknown> };
  const code = typeof error?.code === 'number' ? error.code : answer.status;
  const reason = `${label}: ${error?.error_data?.details ?? error?.message ?? `HTTP ${answer.status}`} (${code})`;
  if (answer.status === 429 || THROTTLE_CODES.has(code)) {
    return {
      outcome: 'throttled',
      retryAfterSeconds: retryAfterSeconds(answer.retryAfter) ?? DEFAULT_THROTTLE_SECONDS,
      reason,
    };
  }
  if (answer.status >= 500 || TEMPORARY_CODES.has(code)) return { outcome: 'unavailable', reason };
  return { outcome: 'rejected', code, reason };
}
