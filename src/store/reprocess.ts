import { platformFor } from '../platforms/registry.js';
import type { InboundItem, PlatformName } from '../platforms/types.js';
import { inTransaction, type Sql, type SqlPool } from './database.js';
import type { RoutedInboundItem } from './ingest.js';
import { dedupeByKey, MESSAGE_COLUMNS, messageRow } from './message-rows.js';

/** A stored webhook as its routing is read again. */
export interface StoredWebhook {
  platform: PlatformName;
  /** `webhook_logs.channel_ids`: the channels that authenticated it; null when stored before they were recorded. */
  channelIds: number[] | null;
  /** The account and channel of one of the messages it stored, if any. */
  stored: { account: string | null; channelId: number | null } | undefined;
}

/** Routes a stored webhook's items again (`channels/route-stored-items.ts`: the store knows no channels). */
export type ReprocessRouting = (webhook: StoredWebhook, items: InboundItem[]) => RoutedInboundItem[];

export interface ReprocessOptions {
  /** Gives each item its channel and account, as the webhook routes did when it arrived. */
  route: ReprocessRouting;
  platform?: PlatformName;
  since?: Date;
  onProgress?: (bodies: number) => void;
}

export interface ReprocessReport {
  bodies: number;
  updated: number;
  added: number;
  unreadable: number;
  /**
   * Accepted webhooks in the range whose raw body retention removed (WEBHOOK_LOG_RETENTION_DAYS,
   * `omni prune`): their audit rows remain, but with no bytes there is nothing to parse again.
   */
  pruned: number;
}

/** The accepted webhooks a run covers: `--platform` and `--since` narrow them. */
const accepted = (sql: Sql, options: ReprocessOptions) => sql`
  status_code = 200
  and (${options.platform ?? null}::text is null or platform = ${options.platform ?? null})
  and (${options.since ?? null}::timestamptz is null or received_at >= ${options.since ?? null})`;

const PAGE = 200;

/**
 * Runs today's parsers over the raw bodies kept in `webhook_logs` (accepted ones only). Rows that
 * exist get the new reading of their type, text and content; items the old parser missed are
 * added with a pending queue row, which the running relay hands to the queue. Running it twice
 * changes nothing the second time. Bodies removed by retention are counted (`pruned`), not read.
 * Items are routed again by `options.route`; a stored message keeps its channel whatever it says.
 */
export async function reprocessWebhookLogs(sql: SqlPool, options: ReprocessOptions): Promise<ReprocessReport> {
  const [pruned] = await sql<{ count: string }[]>`
    select count(*) as count from webhook_logs where raw_body_pruned_at is not null and ${accepted(sql, options)}`;
  const report: ReprocessReport = { bodies: 0, updated: 0, added: 0, unreadable: 0, pruned: Number(pruned.count) };
  let after = 0;
  for (;;) {
    const logs: { id: string; platform: PlatformName; raw_body: Buffer; channel_ids: string[] | null }[] = await sql`
      select id, platform, raw_body, channel_ids from webhook_logs
      where raw_body is not null and id > ${after} and ${accepted(sql, options)}
      order by id limit ${PAGE}`;
    if (logs.length === 0) return report;
    for (const log of logs) {
      after = Number(log.id);
      report.bodies += 1;
      let body: unknown;
      try {
        body = JSON.parse(log.raw_body.toString('utf8'));
      } catch {
        report.unreadable += 1;
        continue;
      }
      const extracted = platformFor(log.platform).extract(body).items;
      if (extracted.length === 0) continue;
      const webhook: StoredWebhook = {
        platform: log.platform,
        channelIds: log.channel_ids?.map(Number) ?? null,
        stored: await storedRouting(sql, log.platform, after, extracted),
      };
      const items = dedupeByKey(options.route(webhook, extracted));
      const rows = items.map((item) => ({ ...messageRow(log.platform, after, item), channel_id: item.channelId }));
      await inTransaction(sql, async (tx) => {
        const written: { id: string; inserted: boolean }[] = await tx`
          insert into messages ${tx(rows, [...MESSAGE_COLUMNS, 'channel_id'])}
          on conflict (platform, account, external_id) do update set
            type = excluded.type, content_kind = excluded.content_kind, text = excluded.text,
            content = excluded.content, status = excluded.status, error = excluded.error, sender = excluded.sender,
            conversation_key = excluded.conversation_key, direction = excluded.direction
          where (messages.type, messages.content_kind, messages.text, messages.content, messages.status, messages.error,
                 messages.sender, messages.conversation_key, messages.direction)
                is distinct from (excluded.type, excluded.content_kind, excluded.text, excluded.content, excluded.status,
                                  excluded.error, excluded.sender, excluded.conversation_key, excluded.direction)
          returning id, (xmax = 0) as inserted`;
        const added = written.filter((w) => w.inserted).map((w) => w.id);
        if (added.length) await tx`insert into queue_logs (message_id) select unnest(${added}::bigint[])`;
        report.added += added.length;
        report.updated += written.length - added.length;
      });
    }
    options.onProgress?.(report.bodies);
  }
}

/**
 * The account and channel one of the webhook's own messages was stored under (found through its
 * items' subject ids, which are indexed), or undefined when it stored none.
 */
async function storedRouting(
  sql: Sql,
  platform: PlatformName,
  webhookLogId: number,
  items: InboundItem[],
): Promise<StoredWebhook['stored']> {
  const subjects = [...new Set(items.map((item) => item.externalId))];
  const [row] = await sql<{ account: string | null; channel_id: string | null }[]>`
    select account, channel_id from messages
    where platform = ${platform} and subject_external_id = any(${subjects}) and webhook_log_id = ${webhookLogId}
    limit 1`;
  return row && { account: row.account, channelId: row.channel_id === null ? null : Number(row.channel_id) };
}
