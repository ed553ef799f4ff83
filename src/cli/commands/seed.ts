import type { Command } from 'commander';
import { PLATFORM_NAMES } from '../../platforms/types.js';
import { createSql, type Sql } from '../../store/database.js';
import { migrateUp } from '../../store/migrate.js';
import { commandContext, runCommand } from '../context.js';

interface SeedOptions {
  messages: number;
  conversations: number;
  days: number;
}

const CHUNK = 200_000;

/**
 * Fills the database with processed conversations for measuring the dashboard's queries: one
 * contact and conversation each, spread over the four platforms, and the messages spread over
 * them unevenly (a few long threads, many short ones), one every few seconds over the last `days`.
 * Rows are generated server-side (`insert … select generate_series`), a chunk per statement.
 * Every key carries a run tag, so seeding twice adds a second set rather than conflicting.
 */
export async function seedConversations(
  sql: Sql,
  options: SeedOptions,
  progress: (line: string) => void,
): Promise<void> {
  const tag = Date.now().toString(36);
  const platforms = [...PLATFORM_NAMES];
  const conn = await sql.reserve();
  try {
    const [log] = await conn<{ id: string }[]>`
      insert into webhook_logs (platform, method, headers, signature, status_code, item_count, error)
      values ('seed', 'SEED', '{}', 'not_checked', 200, ${options.messages}, ${`omni seed ${tag}`})
      returning id`;
    await conn`
      with g as (
        select n, (${platforms}::text[])[n % ${platforms.length} + 1] as platform
        from generate_series(0, ${options.conversations - 1}) n
      ), contacts_in as (
        insert into contacts (platform, account, external_id, display_name)
        select platform, 'seed-' || platform, 'seed-' || ${tag} || '-' || n, 'Seed contact ' || n from g
        returning id, platform, account, external_id
      )
      insert into conversations (platform, account, conversation_key, contact_id)
      select platform, account, external_id, id from contacts_in`;
    await conn`
      create temp table seed_map as
      select split_part(conversation_key, '-', 3)::int as n, id, platform, account, conversation_key
      from conversations where conversation_key like ${`seed-${tag}-%`}`;
    await conn`create unique index on seed_map (n)`.simple();
    await conn`analyze seed_map`.simple();
    const stepMs = Math.max(1, Math.floor((options.days * 86_400_000) / options.messages));
    const start = new Date(Date.now() - stepMs * options.messages);
    for (let from = 1; from <= options.messages; from += CHUNK) {
      const to = Math.min(options.messages, from + CHUNK - 1);
      await insertMessageChunk(conn as unknown as Sql, {
        tag,
        from,
        to,
        conversations: options.conversations,
        start,
        stepMs,
        webhookLogId: Number(log.id),
      });
      progress(`messages ${to}/${options.messages}`);
    }
    await conn`
      update conversations c
      set last_message_at = l.platform_timestamp, last_message_id = l.id, updated_at = now()
      from (
        select distinct on (m.conversation_id) m.conversation_id, m.id, m.platform_timestamp
        from messages m join seed_map s on s.id = m.conversation_id
        where m.kind = 'message'
        order by m.conversation_id, m.platform_timestamp desc, m.platform_seq desc, m.id desc
      ) l
      where c.id = l.conversation_id`;
    progress('conversations updated; analysing');
    await conn`vacuum analyze messages`.simple();
    await conn`vacuum analyze conversations`.simple();
    await conn`vacuum analyze contacts`.simple();
  } finally {
    await conn`drop table if exists seed_map`.simple().catch(() => undefined);
    conn.release();
  }
}

interface MessageChunk {
  tag: string;
  from: number;
  to: number;
  conversations: number;
  start: Date;
  stepMs: number;
  webhookLogId: number;
}

/**
 * Messages `from`..`to` of a seed run. A message's conversation is drawn as floor(C·r²): skewed to
 * the low numbers, so the first conversations hold thousands of messages and the last about N/2C.
 */
async function insertMessageChunk(sql: Sql, c: MessageChunk): Promise<void> {
  await sql`
    insert into messages (platform, account, external_id, subject_external_id, kind, direction, type, content_kind,
                          text, content, sender, conversation_key, conversation_id, raw, platform_timestamp,
                          webhook_log_id, delivery_status, delivery_status_at)
    select s.platform, s.account, x.key, x.key, 'message', x.direction, 'text', 'text',
           x.text, jsonb_build_object('kind', 'text', 'text', x.text),
           case when x.direction = 'inbound' then s.conversation_key else s.account end,
           s.conversation_key, s.id, jsonb_build_object('seed', ${c.tag}::text), x.at, ${c.webhookLogId},
           case when x.direction = 'outbound' then 'delivered' end,
           case when x.direction = 'outbound' then x.at end
    from (
      select 'seed-' || ${c.tag} || '-m' || g as key,
             least(floor(${c.conversations} * power(random(), 2))::int, ${c.conversations - 1}) as n,
             case when g % 3 = 0 then 'outbound' else 'inbound' end as direction,
             'Seed message ' || g || ': the quick brown fox jumps over the lazy dog' as text,
             ${c.start}::timestamptz + (g::bigint * ${c.stepMs}) * interval '1 millisecond' as at
      from generate_series(${c.from}::int, ${c.to}::int) g
    ) x
    join seed_map s on s.n = x.n`;
}

function positiveInteger(name: string) {
  return (value: string): number => {
    const n = Number.parseInt(value.replaceAll('_', ''), 10);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
    return n;
  };
}

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('Fill DATABASE_URL with processed conversations and messages, for measuring dashboard queries')
    .option('--messages <n>', 'messages to add', positiveInteger('--messages'), 1_000_000)
    .option(
      '--conversations <n>',
      'conversations (and contacts) to spread them over',
      positiveInteger('--conversations'),
      50_000,
    )
    .option('--days <n>', 'time span the messages cover, ending now', positiveInteger('--days'), 90)
    .action((options: SeedOptions) =>
      runCommand(async () => {
        if (options.conversations > options.messages) throw new Error('--conversations must not exceed --messages');
        const { config, logger } = commandContext('omni');
        if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
        await migrateUp(config.databaseUrl, { lockTimeoutMs: config.migrationLockTimeoutMs, logger });
        const sql = createSql(config.databaseUrl, { max: 1 });
        const started = Date.now();
        try {
          await seedConversations(sql, options, (line) => process.stderr.write(`seed: ${line}\n`));
        } finally {
          await sql.end({ timeout: 5 });
        }
        const seconds = (Date.now() - started) / 1000;
        process.stdout.write(
          `${JSON.stringify({ messages: options.messages, conversations: options.conversations, seconds })}\n`,
        );
      }),
    );
}
