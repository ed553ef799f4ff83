/**
 * Channels: one row per connected account (a WhatsApp number, a Page, an Instagram account, a
 * Telegram bot), managed at run time by `omni channel` and `/api/channels`.
 *
 * - Secrets are stored sealed (AES-256-GCM, `src/vault/`): each column holds
 *   `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts), so `omni channel rekey` can find what an
 *   older key sealed. `secret_hints` keeps at most the last 4 characters of each, for display.
 * - A Telegram update names no bot: it is matched by its secret token, found by the token's SHA-256
 *   (`webhook_secret_sha256`), then compared in constant time.
 * - `source = 'environment'` marks the `default` channel each platform's variables make: its
 *   secrets stay in the environment and are never stored here.
 * - A name is unique within its platform: each platform's variables make a channel named `default`.
 * - A removed channel keeps its row (its conversations still name it) with its secrets deleted.
 *
 * `messages.channel_id` is the routing decision made when the webhook was verified (null: unrouted,
 * no channel held the account). The worker files it onto the conversation and the contact. A
 * conversation is keyed by its channel too, so an entry that is not routed (signed by another app
 * than its account's channel) never lands in that channel's conversation.
 *
 * Outside a transaction, as the migrations before it: messages and conversations are written by
 * every webhook, and each step can run again.
 */
export const up = async (pgm) => {
  pgm.noTransaction();
  pgm.sql(`
    create table if not exists channels (
      id bigint generated always as identity primary key,
      platform text not null check (platform in ('whatsapp', 'messenger', 'instagram', 'telegram')),
      name text not null check (name <> ''),
      source text not null default 'database' check (source in ('database', 'environment')),
      account_id text,
      waba_id text,
      app_secret text,
      previous_app_secret text,
      previous_app_secret_until timestamptz,
      verify_token text,
      access_token text,
      bot_token text,
      webhook_secret text,
      webhook_secret_sha256 bytea,
      secret_hints jsonb not null default '{}',
      sends_per_second integer check (sends_per_second > 0),
      enabled boolean not null default true,
      last_webhook_at timestamptz,
      last_error text,
      last_error_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      removed_at timestamptz
    )`);
  pgm.sql(`create unique index if not exists channels_live_name on channels (platform, lower(name)) where removed_at is null`);
  pgm.sql(`
    create unique index if not exists channels_live_account on channels (platform, account_id)
      where removed_at is null and account_id is not null`);
  pgm.sql(`
    create unique index if not exists channels_live_webhook_secret on channels (webhook_secret_sha256)
      where removed_at is null and webhook_secret_sha256 is not null`);

  pgm.sql(`alter table messages add column if not exists channel_id bigint references channels (id)`);
  pgm.sql(`alter table conversations add column if not exists channel_id bigint references channels (id)`);
  pgm.sql(`
    alter table contacts add column if not exists channel_id bigint references channels (id),
      add column if not exists username text,
      add column if not exists avatar_storage_key text,
      add column if not exists avatar_mime_type text,
      add column if not exists profile_fetched_at timestamptz`);

  await createIndex(
    pgm,
    'conversations_channel_key',
    `on conversations (platform, account, conversation_key, channel_id) nulls not distinct`,
    'unique',
  );
  pgm.sql(`alter table conversations drop constraint if exists conversations_platform_account_conversation_key_key`);
  await createIndex(pgm, 'conversations_channel_last_message', `on conversations (channel_id, last_message_at desc)`);
  await createIndex(pgm, 'conversations_unrouted', `on conversations (platform, account) where channel_id is null`);
  await createIndex(pgm, 'messages_unrouted', `on messages (platform, account) where channel_id is null`);
  await createIndex(pgm, 'contacts_avatar_storage_key', `on contacts (avatar_storage_key) where avatar_storage_key is not null`);
};

/**
 * A build cancelled half way leaves an INVALID index of that name, which `if not exists` would keep:
 * it is dropped first, so the build runs again (as in the retention migration).
 */
async function createIndex(pgm, name, definition, kind = '') {
  const invalid = await pgm.db.select(
    `select 1 from pg_index where indexrelid = to_regclass($1) and not indisvalid`,
    [name],
  );
  if (invalid.length > 0) pgm.sql(`drop index concurrently if exists ${name}`);
  pgm.sql(`create ${kind} index concurrently if not exists ${name} ${definition}`);
}

export const down = (pgm) => {
  pgm.noTransaction();
  for (const index of [
    'contacts_avatar_storage_key',
    'messages_unrouted',
    'conversations_unrouted',
    'conversations_channel_last_message',
  ]) {
    pgm.sql(`drop index concurrently if exists ${index}`);
  }
  pgm.sql(`
    alter table conversations add constraint conversations_platform_account_conversation_key_key
      unique nulls not distinct (platform, account, conversation_key)`);
  pgm.sql(`drop index concurrently if exists conversations_channel_key`);
  pgm.sql(`
    alter table contacts drop column if exists channel_id, drop column if exists username,
      drop column if exists avatar_storage_key, drop column if exists avatar_mime_type,
      drop column if exists profile_fetched_at`);
  pgm.sql(`alter table conversations drop column if exists channel_id`);
  pgm.sql(`alter table messages drop column if exists channel_id`);
  pgm.sql(`drop table if exists channels`);
};
