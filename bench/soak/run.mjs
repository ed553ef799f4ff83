// `npm run soak -- --seconds N --rate R`: the real server and worker on PostgreSQL (DATABASE_URL's
// server, database omni_soak) and the SQS emulator, under signed webhooks from all four platforms
// with redeliveries and out-of-order statuses mixed in. Prints sent / acknowledged / stored /
// processed / dead / doubled, then the same as one JSON object on the last line.
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { pino } from 'pino';
import { loadConfig } from '../../dist/config/load-config.js';
import { startServer } from '../../dist/runtime/server.js';
import { benchSecretsEnv } from '../webhook-payloads.mjs';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '60' }, rate: { type: 'string', default: '500' } },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);

const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const admin = postgres(serverUrl.toString(), { max: 1, onnotice: () => {} });
await admin.unsafe('drop database if exists omni_soak with (force)');
await admin.unsafe('create database omni_soak');
await admin.end();
serverUrl.pathname = '/omni_soak';

const config = loadConfig({
  ...benchSecretsEnv(),
  DATABASE_URL: serverUrl.toString(),
  PORT: '0',
  LOG_LEVEL: 'error',
  WORKER_RETRY_BASE_SECONDS: '1',
});
const server = await startServer(config, pino({ level: 'error' }));
const eventsPerMessage = new Map();
server.bus.on('message.received', (e) =>
  eventsPerMessage.set(e.messageId, (eventsPerMessage.get(e.messageId) ?? 0) + 1),
);
const sql = postgres(serverUrl.toString(), { max: 2, onnotice: () => {} });

console.error(`soak: ${seconds} s at ${rate}/s against ${server.url}`);
const child = fork(new URL('./load.mjs', import.meta.url), [JSON.stringify({ url: server.url, seconds, rate })]);
const report = await new Promise((resolve, reject) => {
  child.once('message', resolve);
  child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited ${code}`)));
});

// Settle: every stored item processed or dead (the worker drains its backlog), or ten minutes.
const deadline = Date.now() + 600_000;
let settled;
for (;;) {
  [settled] =
    await sql`select count(*) filter (where status not in ('processed', 'dead'))::int as open from queue_logs`;
  if (settled.open === 0 || Date.now() > deadline) break;
  await new Promise((r) => setTimeout(r, 500));
}
const keys = report.keys.map((k) => k.split(' '));
const [row] = await sql`
  with acked as (select * from unnest(${keys.map((k) => k[0])}::text[], ${keys.map((k) => k[1])}::text[]) as a(platform, key))
  select
    (select count(*)::int from acked a where exists (select 1 from messages m where m.platform = a.platform and m.external_id = a.key)) as stored,
    (select count(*)::int from queue_logs where status = 'processed') as processed,
    (select count(*)::int from queue_logs where status = 'dead') as dead,
    (select count(*)::int from (select 1 from messages group by platform, account, external_id having count(*) > 1) d) as doubled_rows`;
const doubledEvents = [...eventsPerMessage.values()].filter((n) => n > 1).length;
const result = {
  seconds,
  rate,
  sent: report.counts.sent,
  acknowledged: report.counts.acknowledged,
  acknowledged_items: keys.length,
  stored: row.stored,
  lost: keys.length - row.stored,
  processed: row.processed,
  dead: row.dead,
  doubled: row.doubled_rows + doubledEvents,
  unsettled: settled.open,
  redeliveries: report.counts.duplicates,
  statuses: report.counts.statuses,
  refused: report.counts.refused,
};
await sql.end();
await server.stop();
for (const key of ['sent', 'acknowledged', 'stored', 'processed', 'dead', 'doubled'])
  console.log(`${key.padEnd(13)} ${result[key]}`);
console.log(
  `(${result.acknowledged_items} distinct items acknowledged, ${result.lost} lost; ${result.redeliveries} redeliveries and ${result.statuses} out-of-order statuses mixed in)`,
);
console.log(JSON.stringify(result));
