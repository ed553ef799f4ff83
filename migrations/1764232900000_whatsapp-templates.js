/**
 * WhatsApp message templates, as synced from a WABA (`GET /{waba-id}/message_templates`) and kept
 * current by `message_template_status_update` / `template_category_update` webhooks. A template
 * belongs to its WABA, not to a channel: every channel (phone number) of that WABA sends it.
 * A name exists once per language. `components` is Meta's array as fetched (header, body, footer,
 * buttons), which the reply checks read; `meta_id` is Meta's template id, which the webhooks name.
 */
export const up = (pgm) => {
  pgm.sql(`
    create table whatsapp_templates (
      id bigint generated always as identity primary key,
      waba_id text not null,
      meta_id text,
      name text not null,
      language text not null,
      status text not null,
      category text,
      components jsonb not null default '[]',
      synced_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (waba_id, name, language)
    );
    create index whatsapp_templates_meta_id on whatsapp_templates (meta_id);
  `);
};

export const down = (pgm) => {
  pgm.sql(`drop table whatsapp_templates`);
};
