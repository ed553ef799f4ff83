/**
 * Attachments: one row per media item of a message, planned in the transaction that processes the
 * message and filled by its own `fetch_media` job. The message never waits for its media, and a
 * download that fails for good leaves the message as it was, with the attachment `failed` and the
 * reason an agent sees. `source_ref` is what the platform gave (a WhatsApp media id, a Telegram
 * file_id, a CDN url); the bytes live in the media store under `storage_key`, content-addressed by
 * their sha256, so the same file sent twice is stored once.
 */
export const up = (pgm) => {
  pgm.sql(`
    create table attachments (
      id bigint generated always as identity primary key,
      message_id bigint not null references messages (id) on delete cascade,
      position int not null,
      platform text not null,
      content_kind text not null,
      source_ref jsonb not null,
      state text not null default 'pending' check (state in ('pending', 'stored', 'failed')),
      failure_reason text,
      mime_type text,
      filename text,
      size_bytes bigint,
      sha256 text,
      storage_key text,
      attempts int not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      stored_at timestamptz,
      unique (message_id, position)
    );
    create index attachments_failed on attachments (updated_at) where state = 'failed';
  `);
};

export const down = (pgm) => {
  pgm.sql(`drop table attachments;`);
};
