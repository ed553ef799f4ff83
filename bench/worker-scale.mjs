// `node bench/worker-scale.mjs [--workers 1,2,4] [--messages 6000]` (after `npm run build`; `--profile`
// also CPU-profiles the workers and summarises the first one's): the
// worker scale-out curve. For each worker count, `omni serve` takes a fresh backlog of signed
// webhooks (the bench's load generator, saturating) while no worker runs; once the outbox has
// handed every row to SQS, that many `omni-worker consume` processes (the bench's worker probe)
// start together against the one database, and the queue is timed from the first processed row to
// the last. CPU per processed row, by process, comes from /proc over the same window. Prints a
// table, then one JSON line.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { cpuShares, cpuSnapshot } from './cpu-usage.mjs';
import { summarizeCpuProfile } from './cpu-profile-summary.mjs';
import {
  LOG_DIR,
  ROOT,
  recreateDatabase,
  startHttpServer,
  startIpcChild,
  startSqsEmulator,
  stopProcess,
} from './system-runner.mjs';
import { benchSecretsEnv } from './webhook-payloads.mjs';

const { values: flags } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,2,4' },
    messages: { type: 'string', default: '6000' },
    profile: { type: 'boolean' },
  },
});
const nodeOptions = flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${LOG_DIR}`] : [];
const workerCounts = flags.workers.split(',').map(Number);
const backlogTarget = Number(flags.messages);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/omni_bench';
const database = new URL(databaseUrl).pathname.slice(1);
const progress = (line) => process.stderr.write(`worker-scale: ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const counts = async (sql) =>
  (
    await sql`select count(*)::int as total, count(*) filter (where status = 'pending')::int as pending,
                     count(*) filter (where status = 'processed')::int as processed from queue_logs`
  )[0];

/** Saturates the server until `target` more webhooks are acknowledged, then waits for the outbox. */
async function fillBacklog(loadgen, url, sql, target, round) {
  let acked = 0;
  for (let pass = 0; acked < target; pass++) {
    const result = await loadgen.call('saturate', {
      url,
      connections: 32,
      durationS: 3,
      prefix: `w${round}p${pass}`,
      seqBase: round * 10_000_000 + pass * 100_000,
    });
    acked += result.ok;
  }
  for (let c = await counts(sql); c.pending > 0; c = await counts(sql)) await sleep(200);
  return acked;
}

/** Starts `n` workers at once and times the queue from its first processed row to its last. */
async function drain(n, env, sql, pids) {
  const before = await counts(sql);
  const workers = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      startIpcChild(`worker-${i}`, join(ROOT, 'bench/worker-probe.mjs'), env, { nodeOptions }),
    ),
  );
  workers.forEach((w, i) => {
    pids[`worker${i}`] = w.child.pid;
  });
  let c = await counts(sql);
  while (c.processed === before.processed) {
    await sleep(20);
    c = await counts(sql);
  }
  const cpuBefore = cpuSnapshot(pids, database);
  const start = { at: Date.now(), processed: c.processed };
  // Follow-up jobs join the queue as it drains: done when every row, old or new, is processed.
  let idleSince = Date.now();
  while (c.processed < c.total || Date.now() - idleSince < 1000) {
    await sleep(50);
    const next = await counts(sql);
    if (next.processed !== c.processed || next.total !== c.total) idleSince = Date.now();
    c = next;
  }
  const end = { at: idleSince, processed: c.processed };
  const cpu = cpuShares(cpuBefore, cpuSnapshot(pids, database));
  for (const w of workers) await stopProcess(w.child);
  if (flags.profile) progress(`worker-0 ${summarizeCpuProfile(LOG_DIR, workers[0].child.pid)}`);
  for (const i of workers.keys()) delete pids[`worker${i}`];
  const seconds = (end.at - start.at) / 1000;
  const rows = end.processed - start.processed;
  const workerPct = Object.entries(cpu)
    .filter(([name]) => name.startsWith('worker'))
    .reduce((sum, [, pct]) => sum + pct, 0);
  const msPerRow = (pct) => Math.round(((pct / 100) * seconds * 1000 * 100) / rows) / 100;
  return {
    workers: n,
    rows,
    seconds: Math.round(seconds * 10) / 10,
    mps: Math.round(rows / seconds),
    worker_cpu_pct: workerPct,
    postgres_cpu_pct: cpu.postgres,
    fauxqs_cpu_pct: cpu.fauxqs,
    other_cpu_pct: cpu.other,
    worker_cpu_ms_per_row: msPerRow(workerPct),
    postgres_cpu_ms_per_row: msPerRow(cpu.postgres),
    fauxqs_cpu_ms_per_row: msPerRow(cpu.fauxqs),
    load_average: Math.round(loadavg()[0] * 10) / 10,
  };
}

async function main() {
  await recreateDatabase(databaseUrl);
  const sqs = await startSqsEmulator();
  const env = {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    OMNI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...benchSecretsEnv(),
    ...sqs.env,
  };
  const loadgen = await startIpcChild('load-generator', join(ROOT, 'bench/load-generator.mjs'), {});
  const server = await startHttpServer('server', join(ROOT, 'bin/omni.js'), ['serve'], env);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const pids = { fauxqs: sqs.child.pid };
  const results = [];
  try {
    for (const [round, n] of workerCounts.entries()) {
      progress(`round ${round + 1}: filling a backlog of ${backlogTarget}`);
      await fillBacklog(loadgen, server.url, sql, backlogTarget, round + 1);
      progress(`round ${round + 1}: ${n} worker(s) draining`);
      const result = await drain(n, env, sql, pids);
      progress(JSON.stringify(result));
      results.push(result);
    }
  } finally {
    await sql.end();
    for (const child of [server.child, loadgen.child, sqs.child]) await stopProcess(child);
  }
  const header = 'workers  rows/s  rows   s     worker ms/row  postgres ms/row  fauxqs ms/row  other %  load';
  const lines = results.map((r) =>
    [
      String(r.workers).padEnd(8),
      String(r.mps).padEnd(7),
      String(r.rows).padEnd(6),
      String(r.seconds).padEnd(5),
      String(r.worker_cpu_ms_per_row).padEnd(14),
      String(r.postgres_cpu_ms_per_row).padEnd(16),
      String(r.fauxqs_cpu_ms_per_row).padEnd(14),
      String(r.other_cpu_pct).padEnd(8),
      r.load_average,
    ].join(' '),
  );
  process.stderr.write(`${[header, ...lines].join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`worker-scale failed: ${error.stack ?? error}\n`);
    process.exit(1);
  },
);
