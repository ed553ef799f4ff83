/**
 * The dashboard's conversation list: most recent first, keyset-paginated on (last_message_at, id),
 * optionally for one platform. Each index holds only conversations with a message (a conversation
 * of statuses or events alone is not listed), and is read backwards for the newest-first order.
 * `conversations_last_message_at` (last_message_at alone) cannot serve the id tiebreak of the
 * keyset and is superseded, so it goes: the worker rewrites last_message_at on every message, and
 * one index fewer is one write fewer.
 */
export const up = (pgm) => {
  pgm.sql(`
    create index conversations_recent on conversations (last_message_at, id) where last_message_at is not null;
    create index conversations_platform_recent on conversations (platform, last_message_at, id) where last_message_at is not null;
    drop index conversations_last_message_at;
  `);
};

export const down = (pgm) => {
  pgm.sql(`
    create index conversations_last_message_at on conversations (last_message_at desc);
    drop index conversations_platform_recent;
    drop index conversations_recent;
  `);
};
