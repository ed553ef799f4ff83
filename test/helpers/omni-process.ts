import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { TEST_SECRETS } from './app.js';
import type { TestQueue } from './queue.js';

const BIN = fileURLToPath(new URL('../../bin/', import.meta.url));

export interface OmniProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Runs a real `omni` / `omni-worker` process (the built dist/, as users run it) and resolves once its
 * output shows `ready` (within `readyTimeoutMs`, default 30 s); killed at teardown if still running.
 */
export async function startOmniProcess(
  t: Test,
  command: 'omni' | 'omni-worker',
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  options: { readyTimeoutMs?: number } = {},
): Promise<OmniProcess> {
  const child = spawn(process.execPath, [`${BIN}${command}.js`, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (!ready.test(text)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${command} ${args.join(' ')} did not get ready:\n${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output: () => text, exited };
}

/**
 * The environment of one process of a deployment sharing `databaseUrl` and `queue`: WhatsApp enabled
 * with the test secrets, any free port, failed items retried at once.
 */
export function deploymentEnv(databaseUrl: string, queue: TestQueue): Record<string, string> {
  return {
    WHATSAPP_APP_SECRET: TEST_SECRETS.whatsapp!.appSecret,
    WHATSAPP_VERIFY_TOKEN: TEST_SECRETS.whatsapp!.verifyToken,
    DATABASE_URL: databaseUrl,
    MESSAGE_QUEUE_URL: queue.queueUrl,
    DEAD_LETTER_QUEUE_URL: queue.deadLetterQueueUrl,
    AWS_ENDPOINT_URL_SQS: queue.endpoint,
    PORT: '0',
    WORKER_RETRY_BASE_SECONDS: '0',
  };
}

/**
 * The environment of a single `omni serve` on a test database with no platform variable: its own
 * embedded queue and worker (no MESSAGE_QUEUE_URL), data in `dataDir`, channel secrets sealed with
 * `encryptionKey`, failed items retried at once. The `omni` commands beside it take the same.
 */
export function singleServerEnv(databaseUrl: string, dataDir: string, encryptionKey: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    OMNI_DATA_DIR: dataDir,
    OMNI_ENCRYPTION_KEY: encryptionKey,
    PORT: '0',
    WORKER_RETRY_BASE_SECONDS: '0',
  };
}

/** The address an `omni serve` process logged once it was listening. */
export function listeningUrl(server: OmniProcess): string {
  return /"url":"(http:\/\/[^"]+)"/.exec(server.output())![1]!;
}

/**
 * One `omni serve` on a test database with no platform variable (`singleServerEnv`, a fresh key),
 * calling Graph and the Bot API at `platformApiUrl` (a fake's); its data directory is removed at
 * teardown. Answers its address and the environment the `omni` commands beside it take.
 */
export async function startSingleServer(
  t: Test,
  databaseUrl: string,
  platformApiUrl: string,
): Promise<{ server: string; env: Record<string, string> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'omni-single-server-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const env = {
    ...singleServerEnv(databaseUrl, dataDir, randomBytes(32).toString('base64')),
    GRAPH_API_BASE_URL: platformApiUrl,
    TELEGRAM_API_BASE_URL: platformApiUrl,
  };
  return { server: listeningUrl(await startOmniProcess(t, 'omni', ['serve'], env, /omni serving/)), env };
}
