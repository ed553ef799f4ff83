/**
 * The walking skeleton's schema: an audit row per webhook request, one `messages` row per inbound
 * item (messages, statuses and events alike, deduplicated per platform + account + item key), one
 * `queue_logs` row per queued unit (the transactional outbox), and the contacts and conversations
 * the worker derives from them.
 */
export const up = (pgm) => {
  pgm.sql(`
    create table webhook_logs (
      id bigint generated always as identity primary key,
      platform text not null,
      method text not null,
      headers jsonb not null,
      raw_body bytea,
      signature text not null check (signature in ('valid', 'missing', 'invalid', 'not_checked')),
      status_code integer not null,
      error_code text,
      error text,
      item_count integer not null default 0,
      received_at timestamptz not null default now()
    );
    create index webhook_logs_received_at on webhook_logs (received_at);

    create table contacts (
      id bigint generated always as identity primary key,
      platform text not null,
      account text,
      external_id text not null,
      display_name text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique nulls not distinct (platform, account, external_id)
    );

    create table conversations (
      id bigint generated always as identity primary key,
      platform text not null,
      account text,
      conversation_key text not null,
      contact_id bigint references contacts (id),
      last_message_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique nulls not distinct (platform, account, conversation_key)
    );
    create index conversations_last_message_at on conversations (last_message_at desc);

    create table messages (
      id bigint generated always as identity primary key,
      platform text not null,
      account text,
      external_id text not null,
      subject_external_id text not null,
      kind text not null check (kind in ('message', 'status', 'event')),
      direction text not null check (direction in ('inbound', 'outbound')),
      type text not null,
      content_kind text,
      text text,
      content jsonb,
      status text,
      sender text,
      conversation_key text,
      conversation_id bigint references conversations (id),
      raw jsonb not null,
      platform_timestamp timestamptz not null,
      webhook_log_id bigint not null references webhook_logs (id),
      created_at timestamptz not null default now(),
      unique nulls not distinct (platform, account, external_id)
    );
    create index messages_conversation_order on messages (conversation_id, platform_timestamp, id);
    create index messages_subject on messages (platform, subject_external_id);

    create table queue_logs (
      id bigint generated always as identity primary key,
      message_id bigint not null unique references messages (id),
      status text not null default 'pending'
        check (status in ('pending', 'queued', 'processing', 'processed', 'failed', 'dead')),
      attempts integer not null default 0,
      last_error text,
      sqs_message_id text,
      created_at timestamptz not null default now(),
      queued_at timestamptz,
      updated_at timestamptz not null default now(),
      processed_at timestamptz
    );
    create index queue_logs_pending on queue_logs (created_at) where status = 'pending';
  `);
};

export const down = (pgm) => {
  pgm.sql('drop table queue_logs, messages, conversations, contacts, webhook_logs');
};
