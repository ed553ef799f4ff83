/**
 * Roles and inboxes. An agent (or an API token) of role `agent` sees only the channels it is a
 * member of; an `admin` sees every channel and alone manages channels, users and tokens.
 * A disabled agent keeps its history (sent messages, assignments) but can no longer log in.
 *
 * Upgrading changes nobody's view: before this, every agent and every token saw every channel, so
 * each existing agent and token becomes a member of every existing channel, and tokens keep the
 * `agent` role they effectively had (they could never reach admin routes). New tokens choose.
 */
export const up = (pgm) => {
  pgm.sql(`
    alter table agents add column disabled_at timestamptz;
    alter table api_tokens
      add column role text not null default 'agent' check (role in ('agent', 'admin'));

    create table agent_channels (
      agent_id bigint not null references agents (id) on delete cascade,
      channel_id bigint not null references channels (id) on delete cascade,
      primary key (agent_id, channel_id)
    );
    create index agent_channels_channel on agent_channels (channel_id);

    create table api_token_channels (
      token_id bigint not null references api_tokens (id) on delete cascade,
      channel_id bigint not null references channels (id) on delete cascade,
      primary key (token_id, channel_id)
    );

    insert into agent_channels (agent_id, channel_id)
      select a.id, c.id from agents a cross join channels c where a.role = 'agent';
    insert into api_token_channels (token_id, channel_id)
      select t.id, c.id from api_tokens t cross join channels c where t.revoked_at is null;
  `);
};

export const down = (pgm) => {
  pgm.sql(`
    drop table api_token_channels;
    drop table agent_channels;
    alter table api_tokens drop column role;
    alter table agents drop column disabled_at;
  `);
};
