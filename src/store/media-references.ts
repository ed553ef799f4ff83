import type { Sql } from './database.js';

/**
 * Of these media store keys, the ones nothing uses: no attachment stored under it, no contact's avatar, no reply that
 * sends it (its stored request names the key, so a reply keeps its file even if its upload row were
 * gone), and no upload created at or after `uploadsBefore`. An older upload either has a reply
 * naming it (which keeps the key) or is unused, and unused uploads older than that are pruned in the
 * same round: counting them as users would keep their files one round too long, and make a dry
 * run's count differ from the real one.
 */
export async function selectUnusedMediaKeys(sql: Sql, keys: string[], uploadsBefore: Date): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await sql<{ key: string }[]>`
    select k.key from unnest(${keys}::text[]) as k(key)
    where not exists (select 1 from attachments a where a.storage_key = k.key)
      and not exists (select 1 from contacts c where c.avatar_storage_key = k.key)
      and not exists (select 1 from messages m
                      where m.send_request is not null and m.send_request #>> '{content,upload,storageKey}' = k.key)
      and not exists (select 1 from uploads u where u.storage_key = k.key and u.created_at >= ${uploadsBefore})`;
  return rows.map((r) => r.key);
}
