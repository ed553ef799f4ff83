import type { Sql } from './database.js';

/** A subscribed endpoint as operators see it (never with its secret). */
export interface Endpoint {
  id: number;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
}

/** What a delivery needs: where, and the secret that signs. */
export interface EndpointTarget {
  id: number;
  url: string;
  secret: string;
  enabled: boolean;
}

interface EndpointRow {
  id: string;
  url: string;
  event_types: string[];
  enabled: boolean;
  consecutive_failures: number;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
}

const toEndpoint = (r: EndpointRow): Endpoint => ({
  id: Number(r.id),
  url: r.url,
  eventTypes: r.event_types,
  enabled: r.enabled,
  consecutiveFailures: r.consecutive_failures,
  disabledAt: r.disabled_at,
  disabledReason: r.disabled_reason,
  createdAt: r.created_at,
});

function endpointColumns(sql: Sql) {
  return sql`id, url, event_types, enabled, consecutive_failures, disabled_at, disabled_reason, created_at`;
}

export async function insertEndpoint(
  sql: Sql,
  endpoint: { url: string; eventTypes: string[]; secret: string },
): Promise<Endpoint> {
  const [inserted] = await sql<EndpointRow[]>`
    insert into endpoints (url, event_types, secret)
    values (${endpoint.url}, ${endpoint.eventTypes}::text[], ${endpoint.secret})
    returning ${endpointColumns(sql)}`;
  return toEndpoint(inserted);
}

export async function listEndpoints(sql: Sql): Promise<Endpoint[]> {
  const rows = await sql<EndpointRow[]>`select ${endpointColumns(sql)} from endpoints order by id`;
  return rows.map(toEndpoint);
}

/** Removes an endpoint and its delivery log; false when there is none with this id. */
export async function deleteEndpoint(sql: Sql, id: number): Promise<boolean> {
  const rows = await sql`delete from endpoints where id = ${id} returning id`;
  return rows.length > 0;
}

/** Re-enables an endpoint with a fresh run of failures; null when there is none with this id. */
export async function enableEndpoint(sql: Sql, id: number): Promise<Endpoint | null> {
  const [row] = await sql<EndpointRow[]>`
    update endpoints set enabled = true, consecutive_failures = 0, disabled_at = null, disabled_reason = null
    where id = ${id} returning ${endpointColumns(sql)}`;
  return row ? toEndpoint(row) : null;
}

/**
 * Disables an endpoint by hand, with `reason`: it gets no new deliveries and its pending ones end as
 * failed, until re-enabled. An endpoint already disabled keeps its first reason. Null when there is none.
 */
export async function disableEndpoint(sql: Sql, id: number, reason: string): Promise<Endpoint | null> {
  const [row] = await sql<EndpointRow[]>`
    update endpoints set enabled = false,
      disabled_at = case when enabled then now() else disabled_at end,
      disabled_reason = case when enabled then ${reason} else disabled_reason end
    where id = ${id} returning ${endpointColumns(sql)}`;
  return row ? toEndpoint(row) : null;
}

/** One endpoint, or null when there is none with this id. */
export async function findEndpoint(sql: Sql, id: number): Promise<Endpoint | null> {
  const [row] = await sql<EndpointRow[]>`select ${endpointColumns(sql)} from endpoints where id = ${id}`;
  return row ? toEndpoint(row) : null;
}

/** The endpoints that get new deliveries. */
export async function selectEnabledEndpoints(sql: Sql): Promise<Endpoint[]> {
  const rows = await sql<EndpointRow[]>`select ${endpointColumns(sql)} from endpoints where enabled order by id`;
  return rows.map(toEndpoint);
}

export async function selectEndpointTarget(sql: Sql, id: number): Promise<EndpointTarget | null> {
  const [row] = await sql<{ id: string; url: string; secret: string; enabled: boolean }[]>`
    select id, url, secret, enabled from endpoints where id = ${id}`;
  return row ? { id: Number(row.id), url: row.url, secret: row.secret, enabled: row.enabled } : null;
}
