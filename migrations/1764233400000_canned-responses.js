/**
 * Canned responses: texts the whole team shares, each under a shortcode an agent types after `/`
 * in the reply box. A shortcode is unique (lowercase letters, digits, `-` and `_`, checked by the
 * API and by the check here); the text is what the reply box inserts.
 */
export const up = (pgm) => {
  pgm.sql(`
    create table canned_responses (
      id bigint generated always as identity primary key,
      shortcode text not null unique check (shortcode ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
      text text not null check (btrim(text) <> ''),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
  `);
};

export const down = (pgm) => {
  pgm.sql(`drop table canned_responses`);
};
