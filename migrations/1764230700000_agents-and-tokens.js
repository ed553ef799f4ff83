/**
 * Who may use the dashboard API: agents (people, logging in with a password into a session) and
 * API tokens (integrations, sending a bearer token). Session and API tokens are random and kept
 * only as their SHA-256: a copy of the database does not let anyone act. A token's name is unique
 * among the tokens not revoked, so `omni token revoke --name` names exactly one.
 * A conversation remembers the last message an agent read; it is unread while its last message is
 * inbound and newer than that.
 */
export const up = (pgm) => {
  pgm.sql(`
    create table agents (
      id bigint generated always as identity primary key,
      email text not null,
      name text not null,
      role text not null default 'agent' check (role in ('agent', 'admin')),
      password_hash text not null,
      created_at timestamptz not null default now()
    );
    create unique index agents_email on agents (lower(email));

    create table sessions (
      id bigint generated always as identity primary key,
      agent_id bigint not null references agents (id) on delete cascade,
      token_hash bytea not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_expires_at on sessions (expires_at);

    create table api_tokens (
      id bigint generated always as identity primary key,
      name text not null,
      token_hash bytea not null unique,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );
    create unique index api_tokens_active_name on api_tokens (name) where revoked_at is null;

    alter table conversations add column last_read_message_id bigint references messages (id);
  `);
};

export const down = (pgm) => {
  pgm.sql(`
    alter table conversations drop column last_read_message_id;
    drop table api_tokens;
    drop table sessions;
    drop table agents;
  `);
};
