/**
 * `webhook_logs.channel_ids`: the channels whose secret authenticated an accepted webhook (its
 * keyring's answer), written in the ingest insert itself. `omni reprocess` routes a stored body
 * again from them, as the webhook was routed, so a Telegram update gets its bot's id as its account
 * (no second message) and an item an older parser missed lands on its channel.
 * Null: a request refused before authentication, or one stored before this column existed.
 * A nullable column without a default: adding it rewrites nothing.
 */
export const up = (pgm) => {
  pgm.noTransaction();
  pgm.sql(`alter table webhook_logs add column if not exists channel_ids bigint[]`);
};

export const down = (pgm) => {
  pgm.noTransaction();
  pgm.sql(`alter table webhook_logs drop column if exists channel_ids`);
};
