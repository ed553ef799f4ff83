// How the admin screens word tokens, endpoints and deliveries: pure functions, tested by calling
// them (test/web/admin-format.test.ts).

import type { ApiToken, Delivery, Endpoint } from '../api-types.js';
import { STRINGS } from '../strings.js';

/** The channels a token acts in: an admin token's are all of them. */
export function tokenChannels(token: Pick<ApiToken, 'role' | 'channels'>): string {
  if (token.role === 'admin') return STRINGS.tokens.allChannels;
  return token.channels.map((c) => `${c.name} · ${c.platform}`).join(', ');
}

/** What an endpoint receives: `*` is said as all events. */
export function endpointEvents(eventTypes: readonly string[]): string {
  return eventTypes.map((type) => (type === '*' ? STRINGS.endpoints.allEvents : type)).join(', ');
}

/** Whether an endpoint gets deliveries, and when not, why (its run of failures, or who disabled it). */
export function endpointState(endpoint: Pick<Endpoint, 'enabled' | 'disabledReason'>): string {
  const S = STRINGS.endpoints;
  if (endpoint.enabled) return S.enabled;
  return endpoint.disabledReason ? `${S.disabled}: ${endpoint.disabledReason}` : S.disabled;
}

/** What one attempt came to: delivered with the endpoint's status, or failed and why. */
export function deliveryOutcome(delivery: Pick<Delivery, 'statusCode' | 'error'>): string {
  const S = STRINGS.endpoints;
  return delivery.error === null ? S.delivered(delivery.statusCode) : S.failed(delivery.error);
}
