import { randomBytes } from 'node:crypto';
import type { OutboundPolicy } from '../net/outbound-policy.js';
import { type AuditBy, recordAudit } from '../store/audit-log.js';
import { inTransaction, type SqlPool } from '../store/database.js';
import { insertEndpoint, type Endpoint } from '../store/endpoints.js';
import { checkEndpointUrl } from './endpoint-policy.js';
import { parseEventTypes } from './event-types.js';

/**
 * Subscribes an endpoint after checking its URL and event types, with a new signing secret in the
 * Standard Webhooks form (`whsec_` and 24 random bytes in base64). The secret is answered here so
 * it can be shown once; it is stored as is because it signs every delivery. The `endpoint.created`
 * audit row, by `by`, names the URL's origin only: a receiver's path or query often is its own secret.
 */
export async function registerEndpoint(
  pool: SqlPool,
  policy: OutboundPolicy,
  request: { url: string; events: string },
  by: AuditBy,
): Promise<Endpoint & { secret: string }> {
  const url = checkEndpointUrl(request.url, policy);
  const eventTypes = parseEventTypes(request.events);
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const endpoint = await inTransaction(pool, async (sql) => {
    const endpoint = await insertEndpoint(sql, { url: url.toString(), eventTypes, secret });
    const detail = { origin: url.origin, eventTypes };
    await recordAudit(sql, {
      ...by,
      action: 'endpoint.created',
      target: { kind: 'endpoint', id: endpoint.id },
      detail,
    });
    return endpoint;
  });
  return { ...endpoint, secret };
}
