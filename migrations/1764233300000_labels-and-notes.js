/**
 * Agents' own words on a conversation, which no platform ever sees.
 *
 * `conversation_labels`: free-text labels, stored normalised (trimmed, inner spaces single,
 * lowercase), one row per label and conversation. The list's `label` filter reads
 * `conversation_labels_label` to find a rare label's conversations, and checks the primary key
 * row by row when it walks the recent list for a common one; a listed conversation's labels are
 * one primary-key read each.
 *
 * `conversation_notes`: private notes, kept apart from `messages` on purpose: the outbox, the
 * send_message job, the endpoint deliveries and the processor read only `messages` and
 * `queue_logs`, so nothing that sends can reach a note. A note keeps who wrote it (an agent or an
 * API token; null once that one is deleted).
 *
 * Adding or removing a label and writing a note are conversation changes other dashboards hear of
 * live, so `conversation_events.change` takes `labelled` and `noted` too.
 */
export const up = (pgm) => {
  pgm.sql(`
    create table conversation_labels (
      conversation_id bigint not null references conversations (id) on delete cascade,
      label text not null check (length(label) between 1 and 50),
      added_at timestamptz not null default now(),
      primary key (conversation_id, label)
    );
    create index conversation_labels_label on conversation_labels (label, conversation_id);

    create table conversation_notes (
      id bigint generated always as identity primary key,
      conversation_id bigint not null references conversations (id) on delete cascade,
      author_agent_id bigint references agents (id) on delete set null,
      author_token_id bigint references api_tokens (id) on delete set null,
      text text not null,
      created_at timestamptz not null default now()
    );
    create index conversation_notes_conversation on conversation_notes (conversation_id, created_at, id);

    alter table conversation_events drop constraint conversation_events_change_check;
    alter table conversation_events add constraint conversation_events_change_check
      check (change in ('assigned', 'closed', 'reopened', 'read', 'labelled', 'noted'));
  `);
};

export const down = (pgm) => {
  pgm.sql(`
    delete from conversation_events where change in ('labelled', 'noted');
    alter table conversation_events drop constraint conversation_events_change_check;
    alter table conversation_events add constraint conversation_events_change_check
      check (change in ('assigned', 'closed', 'reopened', 'read'));
    drop table conversation_notes;
    drop table conversation_labels;
  `);
};
