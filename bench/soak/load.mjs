// The soak's load generator, run as a child process: posts signed webhooks from all four platforms
// at a fixed rate, mixing in redeliveries of bodies already sent and WhatsApp statuses out of order,
// and reports to its parent what it sent and which items the acknowledged requests carried.
import { signedHeaders } from '../../dist/cli/sign-request.js';
import { BENCH_SECRETS, createWebhookFactory } from '../webhook-payloads.mjs';

const { url, seconds, rate } = JSON.parse(process.argv[2]);
const nextWebhook = createWebhookFactory(`soak${process.pid}`, 1_000_000_000 + (process.pid % 1000) * 1_000_000);
const STATUS_ORDERS = [
  ['read', 'delivered', 'sent'],
  ['delivered', 'read'],
  ['failed', 'delivered'],
  ['sent', 'read', 'delivered'],
];

/** The item keys a body adds: what the server stores once, however often the body arrives. */
function itemKeys(platform, body) {
  switch (platform) {
    case 'whatsapp': {
      const value = body.entry[0].changes[0].value;
      return [
        ...(value.messages ?? []).map((m) => m.id),
        ...(value.statuses ?? []).map((s) => `${s.id}:status:${s.status}`),
      ];
    }
    case 'messenger':
    case 'instagram':
      return [body.entry[0].messaging[0].message.mid];
    case 'telegram':
      return [`${body.message.chat.id}:${body.message.message_id}`];
  }
  return [];
}

function statusBody(messageBody, status) {
  const body = structuredClone(messageBody);
  const value = body.entry[0].changes[0].value;
  const message = value.messages[0];
  value.statuses = [
    {
      id: message.id,
      status,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: message.from,
      ...(status === 'failed' ? { errors: [{ code: 131026, title: 'Message undeliverable' }] } : {}),
    },
  ];
  delete value.messages;
  delete value.contacts;
  return body;
}

const sentBodies = [];
const counts = { sent: 0, acknowledged: 0, duplicates: 0, statuses: 0, refused: 0 };
const acknowledgedKeys = new Set();

function request(platform, body) {
  const rawBody = Buffer.from(JSON.stringify(body));
  return { platform, body, rawBody, headers: signedHeaders(platform, BENCH_SECRETS, rawBody) };
}

function nextRequest(n) {
  if (n % 10 === 5 && sentBodies.length > 0) {
    counts.duplicates += 1;
    return sentBodies[Math.floor(Math.random() * sentBodies.length)];
  }
  if (n % 10 === 7) {
    const whatsapp = sentBodies.filter((r) => r.platform === 'whatsapp' && r.body.entry[0].changes[0].value.messages);
    if (whatsapp.length > 0) {
      const message = whatsapp[Math.floor(Math.random() * whatsapp.length)];
      const order = STATUS_ORDERS[n % STATUS_ORDERS.length];
      counts.statuses += order.length;
      return order.map((status) => request('whatsapp', statusBody(message.body, status)));
    }
  }
  const webhook = nextWebhook();
  const generated = request(webhook.platform, JSON.parse(webhook.rawBody.toString()));
  sentBodies.push(generated);
  if (sentBodies.length > 2000) sentBodies.shift();
  return generated;
}

async function send(req) {
  counts.sent += 1;
  try {
    const response = await fetch(`${url}/webhook/${req.platform}`, {
      method: 'POST',
      headers: req.headers,
      body: req.rawBody,
    });
    await response.arrayBuffer();
    if (response.status !== 200) {
      counts.refused += 1;
      return;
    }
    counts.acknowledged += 1;
    for (const key of itemKeys(req.platform, req.body)) acknowledgedKeys.add(`${req.platform} ${key}`);
  } catch {
    counts.refused += 1;
  }
}

const inFlight = new Set();
const started = Date.now();
let n = 0;
while (Date.now() - started < seconds * 1000) {
  const due = Math.floor(((Date.now() - started) / 1000) * rate);
  while (n < due) {
    const next = nextRequest(n++);
    for (const req of Array.isArray(next) ? next : [next]) {
      const p = send(req).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  }
  await new Promise((r) => setTimeout(r, 5));
}
await Promise.all(inFlight);
process.send({ counts, keys: [...acknowledgedKeys] }, () => process.exit(0));
