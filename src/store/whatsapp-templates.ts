import type { Sql } from './database.js';

/** A WhatsApp message template of a WABA, as Meta last described it. */
export interface WhatsAppTemplate {
  id: number;
  wabaId: string;
  /** Meta's template id (what status webhooks name); null for a template seen only by name. */
  metaId: string | null;
  name: string;
  language: string;
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED… as Meta spells it. */
  status: string;
  category: string | null;
  /** Meta's `components` array: HEADER, BODY, FOOTER, BUTTONS, with their example values. */
  components: unknown[];
  syncedAt: Date;
  updatedAt: Date;
}

interface TemplateRow {
  id: string;
  waba_id: string;
  meta_id: string | null;
  name: string;
  language: string;
  status: string;
  category: string | null;
  components: unknown[];
  synced_at: Date;
  updated_at: Date;
}

export const toTemplate = (r: TemplateRow): WhatsAppTemplate => ({
  id: Number(r.id),
  wabaId: r.waba_id,
  metaId: r.meta_id,
  name: r.name,
  language: r.language,
  status: r.status,
  category: r.category,
  components: r.components,
  syncedAt: r.synced_at,
  updatedAt: r.updated_at,
});

/** The stored template of this WABA with this name and language, or undefined (never synced). */
export async function findTemplate(
  sql: Sql,
  wabaId: string,
  name: string,
  language: string,
): Promise<WhatsAppTemplate | undefined> {
  const [row] = await sql<TemplateRow[]>`
    select * from whatsapp_templates where waba_id = ${wabaId} and name = ${name} and language = ${language}`;
  return row && toTemplate(row);
}
