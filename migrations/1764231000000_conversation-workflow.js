/**
 * The agents' workflow on a conversation: open or closed, and the agent it is assigned to (an
 * agent who goes leaves their conversations unassigned, not deleted). Each list filter has an
 * index that keeps the list's keyset order (last_message_at, id), so a filtered page is read
 * backwards from one index and stops after a page, however many conversations there are:
 * status and assignee lead their index; "unread" is a partial index over the conversations whose
 * last message is not the one marked read (the inbound check is one join per row of the page).
 * Search is a substring match (ILIKE '%q%') on the contact's name or any message's text: trigram
 * GIN indexes let PostgreSQL find the matches without reading every message.
 *
 * Other agents see a change live: each is a real-time event beside the processed items, its seq
 * from the same sequence under the same lock (see announce-processed.ts), so one `event_seq`
 * orders both and a reconnecting dashboard's catch-up replays both.
 */
export const up = (pgm) => {
  pgm.sql(`
    create extension if not exists pg_trgm;

    alter table conversations
      add column status text not null default 'open' check (status in ('open', 'closed')),
      add column assignee_agent_id bigint references agents (id) on delete set null;

    create index conversations_status_recent on conversations (status, last_message_at, id)
      where last_message_at is not null;
    create index conversations_assignee_recent on conversations (assignee_agent_id, last_message_at, id)
      where last_message_at is not null;
    create index conversations_unread_recent on conversations (last_message_at, id)
      where last_message_at is not null and last_read_message_id is distinct from last_message_id;

    -- A contact's details list its conversations.
    create index conversations_contact on conversations (contact_id);

    create index contacts_display_name_trgm on contacts using gin (display_name gin_trgm_ops);
    create index messages_text_trgm on messages using gin (text gin_trgm_ops) where kind = 'message';

    create table conversation_events (
      event_seq bigint primary key,
      conversation_id bigint not null references conversations (id),
      change text not null check (change in ('assigned', 'closed', 'reopened', 'read')),
      created_at timestamptz not null default now()
    );
  `);
};

// pg_trgm stays installed: an extension is the database's, and something else may have come to use it.
export const down = (pgm) => {
  pgm.sql(`
    drop table conversation_events;
    drop index messages_text_trgm;
    drop index contacts_display_name_trgm;
    drop index conversations_contact;
    drop index conversations_unread_recent;
    drop index conversations_assignee_recent;
    drop index conversations_status_recent;
    alter table conversations drop column assignee_agent_id, drop column status;
  `);
};
