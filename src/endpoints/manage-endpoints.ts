import { type AuditBy, recordAudit } from '../store/audit-log.js';
import { inTransaction, type SqlPool } from '../store/database.js';
import { deleteEndpoint, disableEndpoint, type Endpoint, enableEndpoint } from '../store/endpoints.js';

/** Removes an endpoint and its delivery log, audited as `endpoint.removed` by `by`; false when there is none. */
export function removeEndpoint(pool: SqlPool, id: number, by: AuditBy): Promise<boolean> {
  return inTransaction(pool, async (sql) => {
    if (!(await deleteEndpoint(sql, id))) return false;
    await recordAudit(sql, { ...by, action: 'endpoint.removed', target: { kind: 'endpoint', id } });
    return true;
  });
}

/** Re-enables an endpoint with a fresh run, audited as `endpoint.enabled` by `by`; null when there is none. */
export function reenableEndpoint(pool: SqlPool, id: number, by: AuditBy): Promise<Endpoint | null> {
  return inTransaction(pool, async (sql) => {
    const endpoint = await enableEndpoint(sql, id);
    if (endpoint) await recordAudit(sql, { ...by, action: 'endpoint.enabled', target: { kind: 'endpoint', id } });
    return endpoint;
  });
}

/**
 * Disables an endpoint by hand (it gets nothing until re-enabled), audited as `endpoint.disabled` by
 * `by`, whose name becomes the reason shown beside it; null when there is none.
 */
export function disableEndpointBy(pool: SqlPool, id: number, by: AuditBy): Promise<Endpoint | null> {
  return inTransaction(pool, async (sql) => {
    const endpoint = await disableEndpoint(sql, id, `disabled by ${by.actor.name}`);
    if (endpoint) await recordAudit(sql, { ...by, action: 'endpoint.disabled', target: { kind: 'endpoint', id } });
    return endpoint;
  });
}
