// The load generator, run as its own process (the box has two cores: it must not share the
// server's event loop). It takes phases over IPC and answers each with its figures and the texts
// of every acknowledged webhook, so the bench can check each one was stored.
//
// Saturation is closed-loop autocannon (N connections, each sends as soon as it has its answer).
// Fixed rates are open-loop: autocannon's rate limit lets each connection send its whole quota for
// the second back to back when the second starts, which measures bursts at saturation rather than
// a steady 1,000/s; here a request is due every 1/rate seconds and its latency counts from when it
// was due (so a server that falls behind is charged for the wait: no coordinated omission).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { summarizeLatencies } from './latency-stats.mjs';
import { createWebhookFactory } from './webhook-payloads.mjs';

async function saturate({ url, connections, durationS, prefix, seqBase, largeEvery = 0, channels }) {
  const nextWebhook = createWebhookFactory(prefix, seqBase, largeEvery, channels);
  const acked = [];
  let largeAcked = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationS,
    requests: [
      {
        method: 'POST',
        setupRequest(request, context) {
          const webhook = nextWebhook();
          context.text = webhook.text;
          context.large = webhook.large;
          return { ...request, path: `/webhook/${webhook.platform}`, headers: webhook.headers, body: webhook.rawBody };
        },
        onResponse(status, _body, context) {
          if (status === 200) acked.push(context.text);
          if (status === 200 && context.large) largeAcked += 1;
        },
      },
    ],
  });
  return {
    ok: acked.length,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rps: Math.round(acked.length / result.duration),
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    largeAcked,
    acked,
  };
}

function post(agent, target, webhook) {
  return new Promise((resolve) => {
    const request = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: `/webhook/${webhook.platform}`,
        headers: { ...webhook.headers, 'content-length': webhook.rawBody.length },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      },
    );
    request.on('error', () => resolve(0));
    request.end(webhook.rawBody);
  });
}

async function atRate({ url, rate, durationS, prefix, seqBase, maxSockets = 128 }) {
  const nextWebhook = createWebhookFactory(prefix, seqBase);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const target = new URL(url);
  const total = Math.round(rate * durationS);
  const latencies = [];
  const acked = [];
  let non2xx = 0;
  let errors = 0;
  const pending = [];
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; sent < due; sent++) {
      const scheduled = start + (sent * 1000) / rate;
      const webhook = nextWebhook();
      pending.push(
        post(agent, target, webhook).then((status) => {
          latencies.push(performance.now() - scheduled);
          if (status === 200) acked.push(webhook.text);
          else if (status === 0) errors += 1;
          else non2xx += 1;
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();
  return {
    ok: acked.length,
    non2xx,
    errors,
    rps: Math.round(acked.length / elapsedS),
    latency: summarizeLatencies(latencies),
    acked,
  };
}

const PHASES = { saturate, atRate };

process.on('message', async (message) => {
  try {
    const result = await PHASES[message.phase](message.options);
    process.send({ id: message.id, result });
  } catch (error) {
    process.send({ id: message.id, error: error instanceof Error ? error.stack : String(error) });
  }
});
process.send({ ready: true });
