/**
 * Retention (`omni prune` and its hourly round). A raw webhook body past WEBHOOK_LOG_RETENTION_DAYS
 * is set to null and `raw_body_pruned_at` says when, so the audit row (platform, headers, verdict,
 * status) stays and `omni reprocess` can tell a pruned body from one never kept. The row of a
 * request that was never verified goes whole, so a flood of them is not kept forever. The indexes let
 * each batch find its rows without scanning what earlier rounds pruned, and let the media sweep ask
 * "does anything still use this file?" per key: attachments, uploads, and replies (whose stored
 * request names the upload's id and key).
 *
 * `prune_rounds` records each finished round, so the many processes that run the hourly round
 * (every `omni serve`, every `omni-worker`, the Lambda) do it once an hour between them.
 *
 * Outside a transaction, with `concurrently`: webhook_logs and messages are written by every
 * webhook, and a plain `create index` would hold their inserts for the whole build. Each step can
 * run again, should a build fail half way: see `createIndex`.
 */
export const up = async (pgm) => {
  pgm.noTransaction();
  pgm.sql(`alter table webhook_logs add column if not exists raw_body_pruned_at timestamptz`);
  await createIndex(pgm, 'webhook_logs_raw_body_kept', `on webhook_logs (received_at) where raw_body is not null`);
  await createIndex(pgm, 'webhook_logs_unverified', `on webhook_logs (received_at) where signature <> 'valid'`);
  await createIndex(pgm, 'attachments_storage_key', `on attachments (storage_key) where storage_key is not null`);
  await createIndex(pgm, 'uploads_storage_key', `on uploads (storage_key)`);
  await createIndex(pgm, 'uploads_created_at', `on uploads (created_at)`);
  await createIndex(
    pgm,
    'messages_reply_upload_id',
    `on messages ((send_request #>> '{content,upload,id}')) where send_request is not null`,
  );
  await createIndex(
    pgm,
    'messages_reply_upload_key',
    `on messages ((send_request #>> '{content,upload,storageKey}')) where send_request is not null`,
  );
  pgm.sql(`
    create table if not exists prune_rounds (
      id bigint generated always as identity primary key,
      scheduled boolean not null,
      started_at timestamptz not null,
      finished_at timestamptz not null default now(),
      raw_bodies_before timestamptz not null,
      unverified_requests int not null,
      raw_bodies int not null,
      uploads int not null,
      media_files int not null
    )`);
};

/**
 * A build cancelled half way (statement_timeout, a cancel, a full disk) leaves an INVALID index of
 * that name, unused by queries, which `if not exists` would keep: it is dropped first, so the build
 * runs again. Only the migration lock's holder builds these, so an invalid one is never a build
 * still under way.
 */
async function createIndex(pgm, name, definition) {
  const invalid = await pgm.db.select(
    `select 1 from pg_index where indexrelid = to_regclass($1) and not indisvalid`,
    [name],
  );
  if (invalid.length > 0) pgm.sql(`drop index concurrently if exists ${name}`);
  pgm.sql(`create index concurrently if not exists ${name} ${definition}`);
}

export const down = (pgm) => {
  pgm.noTransaction();
  pgm.sql(`drop table if exists prune_rounds`);
  for (const index of [
    'messages_reply_upload_key',
    'messages_reply_upload_id',
    'uploads_created_at',
    'uploads_storage_key',
    'attachments_storage_key',
    'webhook_logs_unverified',
    'webhook_logs_raw_body_kept',
  ]) {
    pgm.sql(`drop index concurrently if exists ${index}`);
  }
  pgm.sql(`alter table webhook_logs drop column if exists raw_body_pruned_at`);
};
