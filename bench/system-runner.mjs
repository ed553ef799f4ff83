// Starts and stops the processes under test: the SQS emulator, `omni serve`, the worker probe,
// the no-store baseline and the load generator, each a child process with its log in LOG_DIR
// (outside the work tree, like the CPU profiles and query plans).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createSqsClient } from '../dist/queue/sqs-client.js';
import { ensureQueues } from '../dist/queue/queues.js';
import { findFreePort } from '../dist/runtime/free-port.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const LOG_DIR = join(tmpdir(), 'omni-bench');

/** Drops and creates the database `url` names, through the server's `postgres` database. */
export async function recreateDatabase(url) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench database name ${name} must be a plain identifier`);
  const admin = postgres({ ...adminOptions(target), onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
}

function adminOptions(target) {
  const admin = new URL(target);
  admin.pathname = '/postgres';
  return {
    host: admin.hostname,
    port: Number(admin.port || 5432),
    user: decodeURIComponent(admin.username || 'postgres'),
    password: decodeURIComponent(admin.password) || undefined,
    database: 'postgres',
    max: 1,
  };
}

/** A node child process running `script` with `args`, stdout and stderr appended to LOG_DIR/<name>.log. */
export function startNode(name, script, args, env, { ipc = false, nodeOptions = [] } = {}) {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(join(LOG_DIR, `${name}.log`));
  const child = spawn(process.execPath, [...nodeOptions, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.benchName = name;
  child.exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      // A process that ends before the bench stops it leaves every later figure meaningless: say so.
      if (!child.stopping)
        process.stderr.write(
          `bench: ${name} (pid ${child.pid}) exited unexpectedly (${code ?? signal}): see ${join(LOG_DIR, `${name}.log`)}\n`,
        );
      resolve(code ?? signal);
    }),
  );
  return child;
}

/** Resolves once `url` answers, or fails after `timeoutMs` (or when the process exits first). */
export async function waitForHttp(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${child.benchName} did not answer on ${url}: see ${join(LOG_DIR, `${child.benchName}.log`)}`);
}

/** The peak resident set of a running process, in MB (Linux's VmHWM). */
export function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export async function stopProcess(child, graceMs = 15_000) {
  child.stopping = true;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** fauxqs in its own process, with the main queue and its DLQ; returns the env the Omni processes need. */
export async function startSqsEmulator() {
  const port = await findFreePort();
  const child = startNode('fauxqs', join(ROOT, 'bench/sqs-emulator.mjs'), [String(port)], {});
  const endpoint = `http://127.0.0.1:${port}`;
  await waitForHttp(endpoint, child);
  const sqs = createSqsClient({ region: 'us-east-1', endpoint });
  const queues = await ensureQueues(sqs, { name: 'omni-bench', maxReceiveCount: 5 });
  sqs.destroy();
  return {
    child,
    env: {
      AWS_ENDPOINT_URL_SQS: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      MESSAGE_QUEUE_URL: queues.queueUrl,
      DEAD_LETTER_QUEUE_URL: queues.deadLetterQueueUrl,
    },
  };
}

/** An HTTP server child (`omni serve` or the baseline) on a free port; resolves with it and its URL once it answers. */
export async function startHttpServer(name, script, args, env, options = {}) {
  const port = await findFreePort();
  const child = startNode(name, script, [...args, '--port', String(port)], { ...env, PORT: String(port) }, options);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, child, 60_000);
  return { child, url };
}

/** A child that speaks the bench's IPC protocol: `{ ready }` once, then `{ id, result | error }` per call. */
export async function startIpcChild(name, script, env, options = {}) {
  const child = startNode(name, script, [], env, { ...options, ipc: true });
  const calls = new Map();
  let nextId = 0;
  const ready = new Promise((resolve, reject) => {
    child.on('message', (message) => {
      if (message.ready) return resolve();
      const call = calls.get(message.id);
      calls.delete(message.id);
      if (message.error) call?.reject(new Error(`${name}: ${message.error}`));
      else call?.resolve(message.result);
    });
    void child.exited.then((code) => {
      const error = new Error(`${name} exited (${code}): see ${join(LOG_DIR, `${name}.log`)}`);
      reject(error);
      for (const call of calls.values()) call.reject(error);
    });
  });
  await ready;
  return {
    child,
    call(phase, options = {}) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        calls.set(id, { resolve, reject });
        child.send({ id, phase, options });
      });
    },
  };
}
