import type { Sql } from './database.js';

/** The event types whose items change a stored WhatsApp template (`platforms/whatsapp/template-updates.ts`). */
export const TEMPLATE_EVENT_TYPES: readonly string[] = ['template_status', 'template_category'];

/**
 * Applies the template events among these messages to `whatsapp_templates`: the status and the
 * category they carry in `content.extra.template` (absent: unchanged), the newest event of each
 * template winning. A template is found by Meta's id, or by name and language while its row has no
 * id yet; a template never synced is left for the next sync (its components are unknown).
 *
 * An event applies only to a WABA held by a channel whose app secret authenticated its webhook
 * (`webhook_logs.channel_ids`): WABA-level changes route to no channel, and any app's secret could
 * sign one naming any WABA. An event older than what the row holds (`reported_at`) changes nothing.
 */
export async function applyTemplateUpdates(sql: Sql, messageIds: readonly number[]): Promise<void> {
  if (messageIds.length === 0) return;
  await sql`
    update whatsapp_templates t
    set status = coalesce(u.status, t.status), category = coalesce(u.category, t.category),
        meta_id = u.template_id, reported_at = u.at, updated_at = now()
    from (select distinct on (m.account, e ->> 'id')
                 m.account as waba_id, e ->> 'id' as template_id, e ->> 'name' as name, e ->> 'language' as language,
                 e ->> 'status' as status, e ->> 'category' as category, m.platform_timestamp as at
          from messages m
          cross join lateral (select m.content -> 'extra' -> 'template' as e) x
          join webhook_logs w on w.id = m.webhook_log_id
          where m.id = any(${[...messageIds]}::bigint[]) and m.platform = 'whatsapp' and m.kind = 'event'
            and m.type = any(${[...TEMPLATE_EVENT_TYPES]}::text[]) and e ->> 'id' is not null
            and exists (select 1 from channels c
                        where c.id = any(w.channel_ids) and c.platform = 'whatsapp' and c.waba_id = m.account)
          order by m.account, e ->> 'id', m.platform_timestamp desc, m.id desc) u
    where t.waba_id = u.waba_id
      and (t.meta_id = u.template_id or (t.meta_id is null and t.name = u.name and t.language = u.language))
      and u.at > t.reported_at`;
}
