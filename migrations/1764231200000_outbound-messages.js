/**
 * Replies: messages Omni sends, stored as outbound `messages` rows beside what the platforms send.
 *
 * An outbound row comes from an API request, not a webhook, so `webhook_log_id` becomes optional
 * (still required of everything else: an inbound row without its webhook is a bug). It is keyed
 * `omni:<uuid>` until the platform answers with its own message id, which then replaces the key so
 * the status webhooks that follow attach to it like to any message. `queued` joins the delivery
 * statuses below `sent` (rank 0), so any platform status moves it on.
 *
 * `send_request` is the reply as accepted (what the send job sends), `sent_by_*` who asked for it.
 * A send is not idempotent on any of the four platforms, so each attempt is recorded before the
 * call (`send_started_at`, cleared when the platform answers): a later attempt that finds it set
 * knows an earlier call may have gone out, and does not send blindly again.
 *
 * `send_rate` holds one row per platform account: the next free send slot. Workers reserve slots
 * there (in any process), which is what makes a per-account throughput cap hold across a fleet.
 */
export const up = (pgm) => {
  pgm.sql(`
    alter table messages alter column webhook_log_id drop not null;
    alter table messages
      add column send_request jsonb,
      add column sent_by_agent_id bigint references agents (id) on delete set null,
      add column sent_by_token_id bigint references api_tokens (id) on delete set null,
      add column send_attempts integer not null default 0,
      add column send_started_at timestamptz,
      add column send_slot_at timestamptz,
      add column sent_at timestamptz,
      add constraint messages_webhook_or_reply check (webhook_log_id is not null or send_request is not null);

    alter table messages drop constraint messages_delivery_status_check;
    alter table messages add constraint messages_delivery_status_check
      check (delivery_status in ('queued', 'sent', 'delivered', 'read', 'played', 'failed'));

    create table send_rate (
      account_key text primary key,
      next_slot timestamptz not null
    );
  `);
};

export const down = (pgm) => {
  pgm.sql(`
    drop table send_rate;
    delete from queue_logs where message_id in (select id from messages where send_request is not null);
    delete from messages where send_request is not null;
    alter table messages drop constraint messages_delivery_status_check;
    alter table messages add constraint messages_delivery_status_check
      check (delivery_status in ('sent', 'delivered', 'read', 'played', 'failed'));
    alter table messages
      drop constraint messages_webhook_or_reply,
      drop column send_request, drop column sent_by_agent_id, drop column sent_by_token_id,
      drop column send_attempts, drop column send_started_at, drop column send_slot_at, drop column sent_at;
    alter table messages alter column webhook_log_id set not null;
  `);
};
