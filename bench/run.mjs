// `npm run bench [-- --quick] [-- --json] [-- --profile] [-- --dashboard-only] [-- --tracing]`: the
// whole system under load, measured side by side with a no-store baseline. See bench/README.md for
// what each phase measures. `--dashboard-only` seeds and times the dashboard queries alone (no load
// phases); `--tracing` times ingest with OpenTelemetry tracing off and on (10% sampled) alone.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { measureChannelIngest } from './channel-phase.mjs';
import { summarizeCpuProfile } from './cpu-profile-summary.mjs';
import { cpuShares, cpuSnapshot } from './cpu-usage.mjs';
import { measureDashboardQueries, runSeed } from './dashboard-queries.mjs';
import { summarizeLatencies } from './latency-stats.mjs';
import { measureTracingCost } from './tracing-phase.mjs';
import { dashboardFigures, formatCpuTable, formatTable, summarize } from './report.mjs';
import {
  LOG_DIR,
  ROOT,
  peakRssMb,
  recreateDatabase,
  startHttpServer,
  startIpcChild,
  startSqsEmulator,
  stopProcess,
} from './system-runner.mjs';
import { benchSecretsEnv } from './webhook-payloads.mjs';

const PLANS = {
  full: {
    saturateS: 20,
    rateS: 10,
    rates: [500, 1000, 2000],
    e2eS: 10,
    drainS: 120,
    connections: 32,
    seed: { messages: 1_000_000, conversations: 50_000 },
    iterations: 2000,
  },
  quick: {
    saturateS: 3,
    rateS: 2,
    rates: [500, 1000, 2000],
    e2eS: 2,
    drainS: 15,
    connections: 32,
    seed: { messages: 100_000, conversations: 5_000 },
    iterations: 300,
  },
};

/**
 * What README's "Running against real PostgreSQL and SQS" tells operators to run `omni serve` and
 * `omni-worker` with: a young generation of 2 x 8 MB instead of Node's 2 x 32 MB, which under load
 * is most of the difference between a process's idle and peak RSS.
 */
const OMNI_NODE_OPTIONS = ['--max-semi-space-size=8'];

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    json: { type: 'boolean' },
    profile: { type: 'boolean' },
    'dashboard-only': { type: 'boolean' },
    tracing: { type: 'boolean' },
  },
});
const mode = flags.quick ? 'quick' : 'full';
// One request in 50 carries Meta's largest webhook in the large-body phase.
const LARGE_EVERY = 50;
const plan = PLANS[mode];
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/omni_bench';
const database = new URL(databaseUrl).pathname.slice(1);
const progress = (line) => process.stderr.write(`bench: ${line}\n`);
const began = Date.now();
// Other work on the box skews every figure: the 1-minute load average is reported with them.
const loadAtStart = Math.round(loadavg()[0] * 10) / 10;

async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const queueCounts = async (sql) =>
  (
    await sql`
  select count(*)::int as total, count(*) filter (where status = 'pending')::int as pending,
         count(*) filter (where status = 'processed')::int as processed
  from queue_logs`
  )[0];

/** The running system and what the phases share: every acknowledged text, and CPU shares by phase. */
function createRun(loadgen, sql, children) {
  const acked = [];
  const cpu = {};
  const pids = { loadgen: loadgen.child.pid };
  return {
    acked,
    cpu,
    pids,
    children,
    /** Runs a load phase, keeping its acknowledged texts and where the CPU went meanwhile. */
    async load(name, phase, options) {
      const before = cpuSnapshot(pids, database);
      const result = await loadgen.call(phase, options);
      cpu[name] = cpuShares(before, cpuSnapshot(pids, database));
      for (const text of result.acked) acked.push(text);
      delete result.acked;
      return result;
    },
    drained: async () => {
      const c = await queueCounts(sql);
      return c.processed === c.total;
    },
  };
}

async function measureBaseline(run, r) {
  progress(`baseline: saturation, ${plan.connections} connections, ${plan.saturateS}s`);
  const baseline = await startHttpServer('baseline', join(ROOT, 'bench/baseline-server.mjs'), [], {});
  run.children.push(baseline.child);
  run.pids.baseline = baseline.child.pid;
  r.baseline = await run.load('baseline', 'saturate', {
    url: baseline.url,
    connections: plan.connections,
    durationS: plan.saturateS,
    prefix: 'b',
    seqBase: 0,
  });
  run.acked.length = 0; // the baseline stores nothing: its answers are not acknowledgements
  r.rss.baseline = peakRssMb(baseline.child.pid);
  delete run.pids.baseline;
  await stopProcess(baseline.child);
}

async function measureIngest(run, r, url) {
  progress(`ingest: saturation, worker stopped, ${plan.saturateS}s`);
  r.ingest = await run.load('ingest_saturated', 'saturate', {
    url,
    connections: plan.connections,
    durationS: plan.saturateS,
    prefix: 's',
    seqBase: 10_000_000,
  });
  for (const [i, rate] of plan.rates.entries()) {
    progress(`ingest: ${rate}/s open loop, ${plan.rateS}s`);
    const result = await run.load(`ingest_${rate}`, 'atRate', {
      url,
      rate,
      durationS: plan.rateS,
      prefix: `r${rate}`,
      seqBase: 20_000_000 + i * 10_000_000,
    });
    r.rates.push({ rate, ...result });
  }
}

/**
 * Saturation again, with every LARGE_EVERY-th request a WhatsApp batch of Meta's largest size: the
 * server's peak RSS before and after says what large bodies cost in memory.
 */
async function measureLargeBodies(run, r, url, server) {
  r.rss.serverBeforeLarge = peakRssMb(server.child.pid);
  progress(`ingest: saturation with 1 in ${LARGE_EVERY} requests a ~3 MB WhatsApp batch, ${plan.saturateS}s`);
  r.ingestLarge = await run.load('ingest_large', 'saturate', {
    url,
    connections: plan.connections,
    durationS: plan.saturateS,
    prefix: 'l',
    seqBase: 60_000_000,
    largeEvery: LARGE_EVERY,
  });
}

/** The worker from `omni-worker consume`, with the probe on its bus; left running. */
async function startWorker(run, env, nodeOptions) {
  const worker = await startIpcChild('worker', join(ROOT, 'bench/worker-probe.mjs'), env, { nodeOptions });
  run.children.push(worker.child);
  run.pids.worker = worker.child.pid;
  return worker;
}

/**
 * Webhook to bus event at 1,000/s, then at half the rate the worker sustained meanwhile (its
 * latency when it keeps up). Each phase waits for the worker to process everything it sent.
 */
async function measureEndToEnd(run, r, url, worker) {
  const endToEnd = async (name, rate, seqBase) => {
    progress(`end to end: ${rate}/s with the worker running, ${plan.e2eS}s`);
    const started = Date.now();
    const ingest = await run.load(name, 'atRate', { url, rate, durationS: plan.e2eS, prefix: `e${rate}`, seqBase });
    await until('the worker to catch up', run.drained, 600_000);
    const taken = await worker.call('take');
    const workerMps = Math.round(taken.latencies.length / ((Date.now() - started) / 1000));
    return { rate, ingest, workerMps, latency: summarizeLatencies(taken.latencies) };
  };
  r.e2e = await endToEnd('e2e_1000', 1000, 90_000_000);
  r.e2eSustainable = await endToEnd('e2e_sustainable', Math.max(20, Math.floor(r.e2e.workerMps / 2)), 100_000_000);
}

/**
 * The worker on the queue the ingest phases filled while it was stopped: messages processed per
 * second over the first `drainS` seconds (or the whole backlog, if it drains sooner).
 */
async function measureWorkerDrain(run, r, sql, env, nodeOptions) {
  progress('worker: waiting for the outbox to hand every row to SQS');
  await until('the outbox', async () => (await queueCounts(sql)).pending === 0, 60_000);
  const before = await queueCounts(sql);
  const worker = await startWorker(run, env, nodeOptions);
  progress(`worker: backlog of ${before.total - before.processed}, timed for up to ${plan.drainS}s`);
  const cpuBefore = cpuSnapshot(run.pids, database);
  const started = Date.now();
  await until('the drain window', run.drained, plan.drainS * 1000).catch(() => undefined);
  const seconds = (Date.now() - started) / 1000;
  run.cpu.worker_drain = cpuShares(cpuBefore, cpuSnapshot(run.pids, database));
  const after = await queueCounts(sql);
  r.worker = { backlog: before.total - before.processed, processed: after.processed - before.processed, seconds };
  r.worker.mps = Math.round(r.worker.processed / seconds);
  return worker;
}

async function measureDashboard(r, env) {
  progress(`dashboard: omni seed --messages ${plan.seed.messages} --conversations ${plan.seed.conversations}`);
  r.seed = await runSeed(env, plan.seed);
  progress(`dashboard: ${plan.iterations} list and thread calls`);
  const { plans, ...dashboard } = await measureDashboardQueries(databaseUrl, { iterations: plan.iterations });
  r.dashboard = dashboard;
  return plans;
}

/** Prints the plans and the table to stdout (stderr with --json), then the summary as one JSON line. */
function report(summary, plans, extra = '') {
  const detail = flags.json ? process.stderr : process.stdout;
  detail.write(
    `${Object.entries(plans)
      .map(([name, p]) => `== ${name}\n${p}`)
      .join('\n\n')}\n\n`,
  );
  detail.write(`${extra}${formatTable(summary)}\n\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

/** The dashboard phase on its own: seed, time the queries, report. */
async function dashboardOnly() {
  await recreateDatabase(databaseUrl);
  const r = { mode };
  const plans = await measureDashboard(r, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
  report(
    { mode: `${mode}, dashboard only`, ...dashboardFigures(r), bench_seconds: Math.round((Date.now() - began) / 1000) },
    plans,
  );
}

/** What every Omni process of a run is started with: the bench database, its secrets, the queue. */
function systemEnv(sqs) {
  return {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    OMNI_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...benchSecretsEnv(),
    ...sqs.env,
  };
}

/** The tracing phase on its own: ingest saturated with tracing off and on, reported side by side. */
async function tracingOnly() {
  await recreateDatabase(databaseUrl);
  const sqs = await startSqsEmulator();
  const loadgen = await startIpcChild('load-generator', join(ROOT, 'bench/load-generator.mjs'), {});
  const run = createRun(loadgen, undefined, [sqs.child, loadgen.child]);
  const r = { cpu: run.cpu };
  try {
    const nodeOptions = flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${LOG_DIR}`] : [];
    await measureTracingCost(run, r, { env: systemEnv(sqs), plan, progress, nodeOptions });
  } finally {
    for (const child of run.children.reverse()) await stopProcess(child);
  }
  const { off, on, cost_percent, exports, servers } = r.tracing;
  // The last round of each kind: the server's profile with tracing off, then on.
  const profiles = flags.profile
    ? `CPU profiles, self time:\n${['off', 'on']
        .map((kind) => `server, tracing ${kind}: ${summarizeCpuProfile(LOG_DIR, servers[kind].at(-1))}`)
        .join('\n\n')}\n\n`
    : '';
  report(
    {
      mode: `${mode}, tracing only`,
      ingest_rps_tracing_off: off.rps,
      ingest_rps_tracing_on_10pct: on.rps,
      ingest_rps_rounds_tracing_off: off.rounds_rps.join(' '),
      ingest_rps_rounds_tracing_on_10pct: on.rounds_rps.join(' '),
      ingest_p99_ms_tracing_off: off.p99_ms,
      ingest_p99_ms_tracing_on_10pct: on.p99_ms,
      server_cpu_ms_per_webhook_tracing_off: off.cpu_ms,
      server_cpu_ms_per_webhook_tracing_on_10pct: on.cpu_ms,
      tracing_cost_percent: cost_percent,
      otlp_exports: exports,
      load_average_at_start: Math.round(r.loadAverage * 10) / 10,
      load_average_at_end: Math.round(r.loadAverageEnd * 10) / 10,
      bench_seconds: Math.round((Date.now() - began) / 1000),
    },
    {},
    profiles,
  );
}

async function main() {
  await recreateDatabase(databaseUrl);
  const children = [];
  const sqs = await startSqsEmulator();
  children.push(sqs.child);
  const env = systemEnv(sqs);
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const loadgen = await startIpcChild('load-generator', join(ROOT, 'bench/load-generator.mjs'), {});
  children.push(loadgen.child);
  const run = createRun(loadgen, sql, children);
  run.pids.fauxqs = sqs.child.pid;
  const r = { mode, rates: [], rss: {}, cpu: run.cpu };
  let plans = {};
  try {
    await measureBaseline(run, r);
    const nodeOptions = [...OMNI_NODE_OPTIONS, ...(flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${LOG_DIR}`] : [])];
    const server = await startHttpServer('server', join(ROOT, 'bin/omni.js'), ['serve'], env, { nodeOptions });
    children.push(server.child);
    run.pids.server = server.child.pid;
    const e2eWorker = await startWorker(run, env, nodeOptions);
    await measureEndToEnd(run, r, server.url, e2eWorker);
    r.rss.worker = peakRssMb(e2eWorker.child.pid);
    await stopProcess(e2eWorker.child);
    await measureIngest(run, r, server.url);
    await measureChannelIngest(run, r, { url: server.url, sql, env, plan, until, progress });
    await measureLargeBodies(run, r, server.url, server);
    const worker = await measureWorkerDrain(run, r, sql, env, nodeOptions);

    const [{ stored }] = await sql`select count(*)::int as stored from messages where text = any(${run.acked}::text[])`;
    r.accounting = { acknowledged: run.acked.length, stored, lost: run.acked.length - stored };
    r.rss.server = peakRssMb(server.child.pid);
    r.rss.worker = Math.max(r.rss.worker, peakRssMb(worker.child.pid));
    await stopProcess(worker.child);
    await stopProcess(server.child);
    if (flags.profile) {
      r.cpuProfile = [
        ['server', server],
        ['worker', worker],
      ]
        .map(([name, p]) => `${name}: ${summarizeCpuProfile(LOG_DIR, p.child.pid)}`)
        .join('\n\n');
    }
    plans = await measureDashboard(r, env);
  } finally {
    await sql.end();
    for (const child of children.reverse()) await stopProcess(child);
  }
  r.seconds = Math.round((Date.now() - began) / 1000);
  r.loadAverage = { start: loadAtStart, end: Math.round(loadavg()[0] * 10) / 10 };
  const profiles = r.cpuProfile ? `CPU profiles, self time:\n${r.cpuProfile}\n\n` : '';
  report(summarize(r), plans, `${profiles}${formatCpuTable(r.cpu)}\n\n`);
}

(flags['dashboard-only'] ? dashboardOnly() : flags.tracing ? tracingOnly() : main()).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error.stack ?? error}\nlogs: ${LOG_DIR}\n`);
    process.exit(1);
  },
);
