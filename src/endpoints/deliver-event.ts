import { Webhook } from 'standardwebhooks';
import { isOmniError, OmniError } from '../errors.js';
import { RetryJobLater, type JobHandler } from '../jobs/types.js';
import type { OutboundPolicy } from '../net/outbound-policy.js';
import { retryAfterSeconds } from '../net/retry-after.js';
import { safeRequest } from '../net/safe-request.js';
import { recordDeliveryAttempt } from '../store/endpoint-deliveries.js';
import { selectEndpointTarget, type EndpointTarget } from '../store/endpoints.js';
import { readDeliveryPayload, type DeliveryPayload } from './delivery-payload.js';

export interface EventDeliverySettings {
  /** Where endpoints may be: public addresses, and the private hosts named in the config. */
  policy: OutboundPolicy;
  disableAfterFailures: number;
}

/** How one attempt went: `error` null when the endpoint answered 2xx. */
interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  /** The outbound policy refused the endpoint: retrying cannot help. */
  refused: boolean;
  /** The endpoint's `Retry-After`, in seconds. */
  retryAfterSeconds?: number;
}

/**
 * The `deliver_event` handler: POSTs the job's event to its endpoint, signed per Standard Webhooks,
 * and logs the attempt. A 2xx is delivered. A refusal by the outbound policy fails the job for good.
 * Anything else (another status, a timeout, a network error) throws so the queue retries with its
 * backoff, or after the endpoint's `Retry-After`. An endpoint removed or disabled — by an operator, or
 * by its run of failures reaching `disableAfterFailures` — ends its pending jobs as failed.
 */
export function createEventDeliverer(settings: EventDeliverySettings): JobHandler {
  return async ({ sql, logger }, job) => {
    const payload = readDeliveryPayload(job.payload);
    const endpoint = await selectEndpointTarget(sql, payload.endpointId);
    if (!endpoint) return { outcome: 'failed', reason: `endpoint ${payload.endpointId} was removed` };
    if (!endpoint.enabled) return { outcome: 'failed', reason: `endpoint ${payload.endpointId} is disabled` };

    const started = performance.now();
    const result = await attempt(endpoint, payload, settings.policy);
    const { disabled } = await recordDeliveryAttempt(
      sql,
      {
        endpointId: endpoint.id,
        queueLogId: job.queueLogId,
        webhookId: payload.webhookId,
        eventType: payload.type,
        attempt: job.attempt,
        statusCode: result.statusCode,
        error: result.error,
        durationMs: performance.now() - started,
      },
      settings.disableAfterFailures,
    );
    if (result.error === null) return { outcome: 'done' };
    if (disabled)
      logger.warn(
        { endpointId: endpoint.id, url: endpoint.url, error: result.error },
        'endpoints: disabled after a run of failed deliveries',
      );
    if (result.refused || disabled) return { outcome: 'failed', reason: result.error };
    if (result.retryAfterSeconds !== undefined) throw new RetryJobLater(result.error, result.retryAfterSeconds);
    throw new OmniError('OMNI_ERR_ENDPOINT_DELIVERY_FAILED', result.error);
  };
}

async function attempt(
  endpoint: EndpointTarget,
  payload: DeliveryPayload,
  policy: OutboundPolicy,
): Promise<AttemptResult> {
  const now = new Date();
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Omni-Webhooks',
    'webhook-id': payload.webhookId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(endpoint.secret).sign(payload.webhookId, now, payload.body),
  };
  try {
    const response = await safeRequest(endpoint.url, policy, { method: 'POST', headers, body: payload.body });
    await response.body.dump();
    if (response.statusCode >= 200 && response.statusCode < 300)
      return { statusCode: response.statusCode, error: null, refused: false };
    return {
      statusCode: response.statusCode,
      error: `HTTP ${response.statusCode}`,
      refused: false,
      retryAfterSeconds: retryAfterSeconds(response.headers['retry-after'], now.getTime()),
    };
  } catch (error) {
    if (isOmniError(error, 'OMNI_ERR_OUTBOUND_REFUSED'))
      return { statusCode: null, error: error.message, refused: true };
    if (error instanceof Error && error.name === 'TimeoutError')
      return { statusCode: null, error: `no answer within ${policy.timeoutMs} ms`, refused: false };
    return { statusCode: null, error: error instanceof Error ? error.message : String(error), refused: false };
  }
}
