/**
 * `whatsapp_templates.reported_at`: when Meta reported the status and category a row holds — the
 * time of the sync that listed it, or the entry time of the webhook that changed it. A webhook
 * older than that (a late redelivery, a DLQ replay) changes nothing, so it cannot undo a newer sync
 * or a newer webhook. A column with a constant default: adding it rewrites nothing.
 */
export const up = (pgm) => {
  pgm.sql(`alter table whatsapp_templates add column if not exists reported_at timestamptz not null default now()`);
};

export const down = (pgm) => {
  pgm.sql(`alter table whatsapp_templates drop column if exists reported_at`);
};
