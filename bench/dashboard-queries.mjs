// The dashboard's queries over a seeded database: the conversation list (first pages and pages at
// random depths, all platforms and one), a thread page (a conversation's 50 latest messages) and
// the list's filters (status, unread, search by contact name and by message text), timed one at a
// time on one connection, and their plans as PostgreSQL ran them (auto_explain with ANALYZE, sent
// back to this client, so the plan is of the exact statement the store function ran).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { listConversations } from '../dist/store/conversation-list.js';
import { listConversationMessages } from '../dist/store/conversation-messages.js';
import { PLATFORMS } from './webhook-payloads.mjs';
import { summarizeLatencies } from './latency-stats.mjs';
import { LOG_DIR, ROOT } from './system-runner.mjs';

/** `omni seed` as a user runs it; resolves with its report (messages, conversations, seconds). */
export function runSeed(env, { messages, conversations }) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/omni.js'), 'seed', '--messages', String(messages), '--conversations', String(conversations)],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`omni seed exited ${code}`)),
    );
  });
}

async function timed(samples, run) {
  const start = performance.now();
  await run();
  samples.push(performance.now() - start);
}

function pick(list, i) {
  return list[(i * 7919) % list.length];
}

/** The list and thread calls the bench times: list pages cycle through four shapes. */
function dashboardCalls(sql, sample) {
  const listShapes = [
    () => ({ limit: 50 }),
    (i) => ({ limit: 50, platform: PLATFORMS[i % PLATFORMS.length] }),
    (i) => ({ limit: 50, before: pick(sample.cursors, i) }),
    (i) => ({ limit: 50, platform: PLATFORMS[i % PLATFORMS.length], before: pick(sample.cursors, i + 1) }),
  ];
  const filters = Object.fromEntries(
    Object.entries(FILTER_SHAPES).map(([name, shape]) => [
      name,
      (i) => listConversations(sql, { scope: 'all', limit: 50, ...shape(i, sample) }),
    ]),
  );
  return {
    list: (i) => listConversations(sql, { scope: 'all', ...listShapes[i % listShapes.length](i) }),
    thread: (i) => listConversationMessages(sql, pick(sample.threads, i), { limit: 50 }),
    filters,
  };
}

/**
 * The list's filters, first pages: the shapes an agent's dashboard asks for. Searches name a few
 * contacts ("contact 123" is also 1230–1239 and so on), one message ("message 4242:" is one seed
 * message's number), or every message (each seed text has "lazy dog").
 */
const FILTER_SHAPES = {
  status_open: () => ({ status: 'open' }),
  status_closed: () => ({ status: 'closed' }),
  unread: () => ({ unread: true }),
  search_contact_name: (i, sample) => ({ search: `contact ${pick(sample.contactNumbers, i)}` }),
  search_text_one_message: (i, sample) => ({ search: `message ${pick(sample.messageNumbers, i)}:` }),
  search_text_every_message: () => ({ search: 'lazy dog' }),
};

/**
 * Gives the seeded conversations the workflow state a busy inbox has (the seed leaves every one
 * open, unassigned and unread): 2% closed, 30% read up to their last message, 10% assigned.
 */
async function prepareWorkflowState(sql) {
  const [agent] = await sql`
    insert into agents (email, name, password_hash) values ('bench@example.com', 'Bench', 'not-a-hash')
    on conflict do nothing returning id`;
  await sql`
    update conversations set
      status = case when id % 50 = 0 then 'closed' else 'open' end,
      last_read_message_id = case when id % 10 < 3 then last_message_id end,
      assignee_agent_id = case when id % 10 = 5 then ${agent?.id ?? null}::bigint end`;
  await sql`vacuum analyze conversations`.simple();
}

async function sampleTargets(sql) {
  const cursors = (
    await sql`
    select last_message_at, id from conversations where last_message_at is not null order by random() limit 200`
  ).map((r) => ({ lastMessageAt: r.last_message_at, id: Number(r.id) }));
  const threads = (
    await sql`select id from conversations where last_message_id is not null order by random() limit 200`
  ).map((r) => Number(r.id));
  const [largest] = await sql`
    select conversation_id as id, count(*)::int as messages from messages
    where conversation_id is not null group by conversation_id order by 2 desc limit 1`;
  const [{ messages, conversations }] = await sql`
    select (select count(*) from messages)::int as messages, (select count(*) from conversations)::int as conversations`;
  const numbers = (n, count) => Array.from({ length: count }, (_, i) => 1 + ((i * 104729) % n));
  return {
    cursors,
    threads: [...threads, Number(largest.id)],
    largest: { id: Number(largest.id), messages: largest.messages },
    contactNumbers: numbers(conversations, 200),
    messageNumbers: numbers(messages, 200),
    counts: { messages, conversations },
  };
}

/** The plans PostgreSQL used for the list (first page, a deep page of one platform, each filter) and the largest thread. */
async function explainPlans(databaseUrl, sample) {
  const notices = [];
  const sql = postgres(databaseUrl, { max: 1, onnotice: (notice) => notices.push(notice.message) });
  try {
    await sql`load 'auto_explain'`.simple();
    await sql`set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on;
              set auto_explain.log_timing = on; set client_min_messages = log`.simple();
    const cases = {
      list_first_page: () => listConversations(sql, { scope: 'all', limit: 50 }),
      list_deep_page_one_platform: () =>
        listConversations(sql, { scope: 'all', limit: 50, platform: 'telegram', before: sample.cursors[0] }),
      thread_largest_conversation: () => listConversationMessages(sql, sample.largest.id, { limit: 50 }),
      ...Object.fromEntries(
        Object.entries(FILTER_SHAPES).map(([name, shape]) => [
          `filter_${name}`,
          () => listConversations(sql, { scope: 'all', limit: 50, ...shape(0, sample) }),
        ]),
      ),
    };
    const plans = {};
    for (const [name, run] of Object.entries(cases)) {
      for (let i = 0; i < 6; i++) await run(); // past postgres' first custom plans
      notices.length = 0;
      await run();
      plans[name] = notices.join('\n');
    }
    return plans;
  } finally {
    await sql.end();
  }
}

/**
 * Times `iterations` calls of the list and the thread, and a quarter as many of each filter, after
 * a warm-up; writes the plans to LOG_DIR/dashboard-plans.txt.
 */
export async function measureDashboardQueries(databaseUrl, { iterations }) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await prepareWorkflowState(sql);
    const sample = await sampleTargets(sql);
    const calls = dashboardCalls(sql, sample);
    for (let i = 0; i < 20; i++) await Promise.all([calls.list(i), calls.thread(i)]);
    const list = [];
    const thread = [];
    for (let i = 0; i < iterations; i++) {
      await timed(list, () => calls.list(i));
      await timed(thread, () => calls.thread(i));
    }
    const filters = {};
    for (const [name, call] of Object.entries(calls.filters)) {
      const samples = [];
      for (let i = 0; i < 5; i++) await call(i);
      for (let i = 0; i < Math.ceil(iterations / 4); i++) await timed(samples, () => call(i));
      filters[name] = summarizeLatencies(samples);
    }
    const plans = await explainPlans(databaseUrl, sample);
    const planFile = join(LOG_DIR, 'dashboard-plans.txt');
    mkdirSync(LOG_DIR, { recursive: true }); // --dashboard-only starts none of the processes that make it
    writeFileSync(
      planFile,
      Object.entries(plans)
        .map(([name, plan]) => `== ${name}\n${plan}\n`)
        .join('\n'),
    );
    return {
      ...sample.counts,
      largestThread: sample.largest.messages,
      list: summarizeLatencies(list),
      thread: summarizeLatencies(thread),
      filters,
      planFile,
      plans,
    };
  } finally {
    await sql.end();
  }
}
