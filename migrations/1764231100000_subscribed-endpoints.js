/**
 * Subscribed endpoints: HTTP endpoints that receive Omni's normalised events, signed per the
 * Standard Webhooks spec. The signing secret is kept as it is (it signs every delivery, so it cannot
 * be a hash); it is printed once when the endpoint is added. An endpoint is disabled after a run of
 * failed attempts (`consecutive_failures`, reset by a success) and stays so until re-enabled.
 * Deliveries ride the queue as `deliver_event` jobs; `endpoint_deliveries` keeps one row per attempt
 * (the queue row, the webhook-id shared by the attempts, the answer or the error, how long it took),
 * so an operator can see what an endpoint was sent and what it said. Removing an endpoint removes
 * its log.
 */
export const up = (pgm) => {
  pgm.sql(`
    create table endpoints (
      id bigint generated always as identity primary key,
      url text not null,
      event_types text[] not null check (cardinality(event_types) > 0),
      secret text not null,
      enabled boolean not null default true,
      consecutive_failures integer not null default 0,
      disabled_at timestamptz,
      disabled_reason text,
      created_at timestamptz not null default now()
    );

    create table endpoint_deliveries (
      id bigint generated always as identity primary key,
      endpoint_id bigint not null references endpoints (id) on delete cascade,
      queue_log_id bigint not null references queue_logs (id) on delete cascade,
      webhook_id text not null,
      event_type text not null,
      attempt integer not null,
      status_code integer,
      error text,
      duration_ms integer not null,
      attempted_at timestamptz not null default now()
    );
    create index endpoint_deliveries_endpoint on endpoint_deliveries (endpoint_id, id);
  `);
};

export const down = (pgm) => {
  pgm.sql('drop table endpoint_deliveries, endpoints');
};
