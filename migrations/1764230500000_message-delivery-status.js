/**
 * Delivery status and platform order.
 *
 * A message row carries its current delivery status, worked out by the worker from the status
 * rows (which stay, one per status event, as the message's timeline). The ranking lives in one SQL
 * function so every query compares statuses the same way: a status only ever replaces a
 * lower-ranked one, and `failed` outranks all, so it is terminal.
 *
 * Conversations are read in platform order, not arrival order: by platform timestamp, then by
 * `platform_seq` (Telegram's per-chat message_id, which orders messages sent within one second),
 * then by row id.
 */
export const up = (pgm) => {
  pgm.sql(`
    create function delivery_status_rank(status text) returns integer
      language sql immutable parallel safe as $$
        select case status
          when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 when 'played' then 4 when 'failed' then 5
          else 0 end
      $$;

    alter table messages
      add column error jsonb,
      add column delivery_status text
        check (delivery_status in ('sent', 'delivered', 'read', 'played', 'failed')),
      add column delivery_status_at timestamptz,
      add column delivery_error jsonb,
      -- Generated from the key so it is right from the moment the row is written, whichever path
      -- writes it. Telegram keys messages '<chat_id>:<message_id>'; the digit bounds keep the cast
      -- from ever failing an insert. 0 where a platform gives no per-chat sequence.
      add column platform_seq bigint not null generated always as (
        case when platform = 'telegram' and kind = 'message' and external_id ~ '^-?[0-9]{1,20}:[0-9]{1,15}$'
             then split_part(external_id, ':', 2)::bigint else 0 end
      ) stored;

    -- The status rows are the timeline: every status event of one message, in platform time.
    create index messages_status_timeline on messages (platform, subject_external_id, platform_timestamp)
      where kind = 'status';

    -- The conversation view's keyset: matches listConversationMessages' order and cursor.
    drop index messages_conversation_order;
    create index messages_conversation_order on messages (conversation_id, platform_timestamp, platform_seq, id)
      where kind = 'message';

    alter table conversations add column last_message_id bigint references messages (id);

    -- Existing rows: each message gets the best status already stored for it, each conversation
    -- its latest message by platform order.
    update messages m
    set delivery_status = best.status, delivery_status_at = best.platform_timestamp, delivery_error = best.raw -> 'errors' -> 0
    from (
      select distinct on (platform, account, subject_external_id) platform, account, subject_external_id, status, platform_timestamp, raw
      from messages
      where kind = 'status' and delivery_status_rank(status) > 0
      order by platform, account, subject_external_id, delivery_status_rank(status) desc, platform_timestamp desc
    ) best
    where m.kind = 'message' and m.platform = best.platform and m.account is not distinct from best.account
      and m.external_id = best.subject_external_id;

    update conversations c set last_message_id = latest.id
    from (
      select distinct on (conversation_id) conversation_id, id
      from messages
      where kind = 'message' and conversation_id is not null
      order by conversation_id, platform_timestamp desc, platform_seq desc, id desc
    ) latest
    where c.id = latest.conversation_id;
  `);
};

export const down = (pgm) => {
  pgm.sql(`
    alter table conversations drop column last_message_id;
    drop index messages_conversation_order;
    drop index messages_status_timeline;
    alter table messages
      drop column error, drop column delivery_status, drop column delivery_status_at,
      drop column delivery_error, drop column platform_seq;
    create index messages_conversation_order on messages (conversation_id, platform_timestamp, id);
    drop function delivery_status_rank(text);
  `);
};
