/**
 * The audit trail of admin actions: who (an agent, an API token, or the CLI's operating-system
 * user), what (a stable action name and its target), when, and from which address. `detail` holds
 * the changed fields' names and non-secret values: never a secret, a password or a token.
 * Append-only: nothing in Omni updates or deletes a row.
 */
export const up = (pgm) => {
  pgm.sql(`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_kind text not null check (actor_kind in ('agent', 'token', 'cli')),
      actor_id bigint,
      actor_name text not null,
      action text not null,
      target_kind text not null,
      target_id text,
      ip inet,
      detail jsonb not null default '{}'
    );
    create index audit_log_at on audit_log (at desc, id desc);
  `);
};

export const down = (pgm) => {
  pgm.sql(`drop table audit_log`);
};
