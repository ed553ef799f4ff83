import type { PlatformTemplate } from '../platforms/platform.js';
import { type ChannelScope, channelCondition } from './channel-scope.js';
import type { Sql } from './database.js';
import { containing } from './like-pattern.js';

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
  /** When Meta reported the status and category held: the listing's time, or the webhook's. */
  reportedAt: Date;
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
  reported_at: Date;
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
  reportedAt: r.reported_at,
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

/** What storing one WABA's listing did. */
export interface StoredListing {
  /** Templates listed and stored (new or updated). */
  stored: number;
  /** Stored templates the listing no longer had, now marked DELETED. */
  deleted: number;
}

/**
 * Stores a WABA's whole listing: each template upserted by name and language, and every stored
 * template of that WABA the listing lacks marked DELETED (Meta lists no deleted template; the row
 * stays, so a reply naming it is told why). `updated_at` moves only when something changed. Run it
 * in the caller's transaction, so a reader never sees half a listing.
 */
export async function storeListing(
  sql: Sql,
  wabaId: string,
  listed: readonly PlatformTemplate[],
): Promise<StoredListing> {
  const rows = listed.map((t) => ({
    meta_id: t.metaId,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    components: t.components,
  }));
  const listing = sql.json(rows as unknown as Parameters<typeof sql.json>[0]);
  const stored = await sql`
    insert into whatsapp_templates (waba_id, meta_id, name, language, status, category, components)
    select ${wabaId}, r.meta_id, r.name, r.language, r.status, r.category, coalesce(r.components, '[]')
    from jsonb_to_recordset(${listing})
      as r(meta_id text, name text, language text, status text, category text, components jsonb)
    on conflict (waba_id, name, language) do update
      set meta_id = excluded.meta_id, status = excluded.status, category = excluded.category,
          components = excluded.components, synced_at = now(), reported_at = now(),
          updated_at = case
            when (whatsapp_templates.meta_id, whatsapp_templates.status, whatsapp_templates.category, whatsapp_templates.components)
                 is distinct from (excluded.meta_id, excluded.status, excluded.category, excluded.components)
            then now() else whatsapp_templates.updated_at end`;
  const deleted = await sql`
    update whatsapp_templates
    set status = 'DELETED', synced_at = now(), reported_at = now(), updated_at = now()
    where waba_id = ${wabaId} and status <> 'DELETED'
      and (name, language) not in (select r.name, r.language
                                  from jsonb_to_recordset(${listing}) as r(name text, language text))`;
  return { stored: stored.count, deleted: deleted.count };
}

/** Which templates a list holds; every filter given must match. */
export interface TemplateQuery {
  /** The caller's WABAs: 'all' for an admin, else those of the channels it is a member of. */
  scope: ChannelScope;
  /** Only the templates of this channel's WABA. */
  channelId?: number;
  status?: string;
  /** A part of the name, any case. */
  q?: string;
  /** Templates after this one in (name, language, id) order: the keyset of the next page. */
  after?: { name: string; language: string; id: number };
  limit: number;
}

/**
 * Stored templates by name, then language, a page at a time: an admin's of every WABA, anyone
 * else's of the WABAs of its channels (a template belongs to a WABA, which a WhatsApp channel names).
 */
export async function listTemplates(sql: Sql, query: TemplateQuery): Promise<WhatsAppTemplate[]> {
  const wabasOf = (condition: ReturnType<typeof channelCondition>) => sql`
    t.waba_id in (select c.waba_id from channels c
                  where c.platform = 'whatsapp' and c.removed_at is null and c.waba_id is not null and ${condition})`;
  const scoped = query.scope === 'all' ? sql`true` : wabasOf(channelCondition(sql, 'c.id', query.scope));
  const channel = query.channelId === undefined ? sql`true` : wabasOf(sql`c.id = ${query.channelId}`);
  const status = query.status === undefined ? sql`true` : sql`t.status = ${query.status}`;
  const q = query.q === undefined ? sql`true` : sql`t.name ilike ${containing(query.q)}`;
  const after = query.after
    ? sql`(t.name, t.language, t.id) > (${query.after.name}, ${query.after.language}, ${query.after.id})`
    : sql`true`;
  const rows = await sql<TemplateRow[]>`
    select t.* from whatsapp_templates t
    where ${scoped} and ${channel} and ${status} and ${q} and ${after}
    order by t.name, t.language, t.id
    limit ${query.limit}`;
  return rows.map(toTemplate);
}

/** When each of these WABAs' templates were last synced (absent: never, or it had none). */
export async function lastSyncedAt(sql: Sql, wabaIds: readonly string[]): Promise<Map<string, Date>> {
  const rows = await sql<{ waba_id: string; at: Date }[]>`
    select waba_id, max(synced_at) as at from whatsapp_templates
    where waba_id = any(${[...wabaIds]}::text[]) group by waba_id`;
  return new Map(rows.map((r) => [r.waba_id, r.at]));
}
