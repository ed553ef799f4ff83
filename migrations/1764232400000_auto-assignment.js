/**
 * Auto-assignment. A channel either leaves assignment to people (`manual`, as before) or hands each
 * new or reopened conversation to the online member with the fewest open conversations in it
 * (`round_robin`), never past `assignment_cap` open ones each (null: no cap). Ties go to the member
 * assigned least recently, which `agent_channels.last_assigned_at` remembers.
 *
 * "Online" is a dashboard stream open in some server: `agent_presence` holds one row per open stream,
 * a lease its server renews while the stream stays open and deletes when it closes. A lease past
 * `expires_at` is ignored, so a crashed server's streams stop counting on their own.
 */
export const up = (pgm) => {
  pgm.sql(`
    alter table channels
      add column assignment_mode text not null default 'manual' check (assignment_mode in ('manual', 'round_robin')),
      add column assignment_cap integer check (assignment_cap >= 1);

    alter table agent_channels add column last_assigned_at timestamptz;

    create table agent_presence (
      stream_id uuid primary key,
      agent_id bigint not null references agents (id) on delete cascade,
      expires_at timestamptz not null
    );
    create index agent_presence_agent on agent_presence (agent_id, expires_at);

    -- Counting a member's open conversations in a channel reads this index, not the channel's history.
    create index conversations_open_assignee on conversations (channel_id, assignee_agent_id)
      where status = 'open' and assignee_agent_id is not null;
  `);
};

export const down = (pgm) => {
  pgm.sql(`
    drop index conversations_open_assignee;
    drop table agent_presence;
    alter table agent_channels drop column last_assigned_at;
    alter table channels drop column assignment_cap, drop column assignment_mode;
  `);
};
