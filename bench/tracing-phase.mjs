// Ingest with tracing off against ingest with tracing on (OTLP export of 10% of traces, the
// parentbased_traceidratio sampler): `omni serve` restarted for each round and saturated, four
// rounds of each in the order off on on off off on on off, so drift on a shared box (other work
// starting or ending) falls on both alike. The spans go to a local OTLP sink that only counts.
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { processCpuMs } from './cpu-usage.mjs';
import { ROOT, startHttpServer, stopProcess } from './system-runner.mjs';

const ROUNDS = ['off', 'on', 'on', 'off', 'off', 'on', 'on', 'off'];
// Each fresh server is saturated this long, uncounted, before its measured round: its first second
// is JIT compilation (and, in the first round, a cold database), which would otherwise weigh on a
// 3 s quick round.
const WARM_UP_S = 1;

/** A local OTLP/HTTP endpoint that accepts every export and counts its requests and bytes. */
async function startOtlpSink() {
  const received = { requests: 0, bytes: 0 };
  const server = createServer((request, response) => {
    request.on('data', (chunk) => (received.bytes += chunk.length));
    request.on('end', () => {
      received.requests += 1;
      response.writeHead(200).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${server.address().port}`, received, close: () => server.close() };
}

// The median round of each kind: a round that other work on the box happened to hit (a build, a
// test suite starting) moves it less than the mean.
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Saturation ingest with tracing off and on; `r.tracing` gets both and the cost of tracing in percent. */
export async function measureTracingCost(run, r, { env, plan, progress, nodeOptions = [] }) {
  const sink = await startOtlpSink();
  const tracingEnv = {
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: '0.1',
  };
  const figures = { off: [], on: [] };
  // With --profile: the pid of each counted round's server, whose CPU profile the bench summarises.
  const servers = { off: [], on: [] };
  r.loadAverage = loadavg()[0];
  try {
    for (const [i, round] of ROUNDS.entries()) {
      progress(`tracing ${round}: saturation, ${plan.connections} connections, ${plan.saturateS}s`);
      const server = await startHttpServer(
        `server-tracing-${round}-${i}`,
        join(ROOT, 'bin/omni.js'),
        ['serve'],
        {
          ...env,
          ...(round === 'on' ? tracingEnv : {}),
        },
        { nodeOptions },
      );
      run.pids.server = server.child.pid;
      await run.load(`ingest_tracing_warm_up_${i}`, 'saturate', {
        url: server.url,
        connections: plan.connections,
        durationS: WARM_UP_S,
        prefix: `tw${i}`,
        seqBase: 190_000_000 + i * 10_000_000,
      });
      const cpuBefore = processCpuMs(server.child.pid);
      const result = await run.load(`ingest_tracing_${round}_${i}`, 'saturate', {
        url: server.url,
        connections: plan.connections,
        durationS: plan.saturateS,
        prefix: `t${i}`,
        seqBase: 110_000_000 + i * 10_000_000,
      });
      // CPU per webhook moves less with the box's other work than the rate does.
      result.cpuMs = (processCpuMs(server.child.pid) - cpuBefore) / Math.max(result.ok, 1);
      progress(`tracing ${round}: ${result.rps}/s, ${result.cpuMs.toFixed(3)} ms of server CPU a webhook`);
      figures[round].push(result);
      servers[round].push(server.child.pid);
      delete run.pids.server;
      await stopProcess(server.child);
    }
  } finally {
    sink.close();
  }
  r.loadAverageEnd = loadavg()[0];
  const summary = (results) => ({
    rps: Math.round(median(results.map((x) => x.rps))),
    p99_ms: Math.round(median(results.map((x) => x.latency.p99))),
    cpu_ms: Math.round(1000 * median(results.map((x) => x.cpuMs))) / 1000,
    rounds_rps: results.map((x) => x.rps),
  });
  const off = summary(figures.off);
  const on = summary(figures.on);
  r.tracing = {
    off,
    on,
    cost_percent: off.rps ? Math.round((1 - on.rps / off.rps) * 1000) / 10 : null,
    exports: sink.received.requests,
    servers,
  };
}
