import { randomBytes } from 'node:crypto';
import type { OutboundPolicy } from '../net/outbound-policy.js';
import type { Sql } from '../store/database.js';
import { insertEndpoint, type Endpoint } from '../store/endpoints.js';
import { checkEndpointUrl } from './endpoint-policy.js';
import { parseEventTypes } from './event-types.js';

/**
 * Subscribes an endpoint after checking its URL and event types, with a new signing secret in the
 * Standard Webhooks form (`whsec_` and 24 random bytes in base64). The secret is answered here so
 * it can be shown once; it is stored as is because it signs every delivery.
 */
export async function registerEndpoint(
  sql: Sql,
  policy: OutboundPolicy,
  request: { url: string; events: string },
): Promise<Endpoint & { secret: string }> {
  const url = checkEndpointUrl(request.url, policy);
  const eventTypes = parseEventTypes(request.events);
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  return { ...(await insertEndpoint(sql, { url: url.toString(), eventTypes, secret })), secret };
}
