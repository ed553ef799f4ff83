/**
 * Uploads: files an agent or integration sends up (`POST /api/uploads`) to reply with, before the
 * reply names them (`media: { upload: <id> }`). The bytes live in the media store under
 * `storage_key`, content-addressed like attachments; the row keeps what the reply rules and the
 * send need (type sniffed from the bytes, size, name) and who uploaded it.
 *
 * `messages.send_media_id` is the platform's id for a reply's uploaded file (WhatsApp's /media),
 * recorded before the message call: a retry after a failed message call reuses it instead of
 * uploading the same file twice.
 */
export const up = (pgm) => {
  pgm.sql(`
    create table uploads (
      id bigint generated always as identity primary key,
      storage_key text not null,
      sha256 text not null,
      size_bytes bigint not null,
      mime_type text not null,
      filename text,
      uploaded_by_agent_id bigint references agents (id) on delete set null,
      uploaded_by_token_id bigint references api_tokens (id) on delete set null,
      created_at timestamptz not null default now()
    );
    alter table messages add column send_media_id text;
  `);
};

export const down = (pgm) => {
  pgm.sql(`
    alter table messages drop column send_media_id;
    drop table uploads;
  `);
};
