import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Test } from 'tap';
import { parse } from 'yaml';
import { unzipEntries } from './unzip.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEPLOY = join(ROOT, 'deploy');
export const SERVICES = ['infrastructure', 'webhook', 'processor', 'dashboard'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Bounds one `serverless package`; webpack bundling takes ~20-40 s on two cores. */
const PACKAGE_TIMEOUT_MS = 240_000;

interface ComposeFile {
  services: Record<string, { path: string; params?: Record<string, string> }>;
}

export function readCompose(): ComposeFile {
  return parse(readFileSync(join(DEPLOY, 'serverless-compose.yml'), 'utf8')) as ComposeFile;
}

/** A recognisable stand-in for each parameter compose passes: the test finds them in the template. */
export function stubParam(name: string): string {
  if (/QueueUrl$/.test(name)) return `https://sqs.us-east-1.amazonaws.com/123456789012/stub-${name}`;
  if (/QueueArn$/.test(name)) return `arn:aws:sqs:us-east-1:123456789012:stub-${name}`;
  if (/ClusterArn$/.test(name)) return `arn:aws:rds:us-east-1:123456789012:cluster:stub-${name}`;
  if (/RepositoryArn$/.test(name)) return `arn:aws:ecr:us-east-1:123456789012:repository/stub-${name}`;
  if (/RepositoryUri$/.test(name)) return `123456789012.dkr.ecr.us-east-1.amazonaws.com/stub-${name}`;
  if (/Arn$/.test(name)) return `arn:aws:secretsmanager:us-east-1:123456789012:secret:stub-${name}`;
  return `stub-${name}`;
}

/** Packaging needs no AWS: these keys only satisfy SDK code that looks for credentials. */
const OFFLINE_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAOFFLINEPACKAGING',
  AWS_SECRET_ACCESS_KEY: 'offline-packaging-not-a-secret',
  AWS_REGION: 'us-east-1',
};

/** Every file the package of `service` is made from, with its size and time: a changed one repackages. */
function fingerprint(service: ServiceName): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue; // .serverless, .webpack: the outputs themselves
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
      }
    }
  };
  for (const dir of ['src', 'migrations', `deploy/${service}`]) walk(join(ROOT, dir));
  for (const file of [
    'deploy/webpack.config.cjs',
    'deploy/jiti-stub.cjs',
    'deploy/serverless-compose.yml',
    'package-lock.json',
  ]) {
    const stat = statSync(join(ROOT, file));
    hash.update(`${file}:${stat.size}:${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** One packager per service across tap's parallel test processes: a directory made atomically. */
async function withLock<T>(service: ServiceName, body: () => Promise<T>): Promise<T> {
  const lock = join(
    tmpdir(),
    `omni-package-${createHash('sha1').update(DEPLOY).digest('hex').slice(0, 8)}-${service}.lock`,
  );
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const holder = Number(readFileSyncOrEmpty(join(lock, 'pid')));
      if (holder && !isAlive(holder)) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function readFileSyncOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface PackagedService {
  /** The CloudFormation template `serverless deploy` would send. */
  template: any;
  /** The Lambda package (absent for the infrastructure service, which has no functions). */
  zip?: Buffer;
  /** What `serverless package` printed; empty when the package was already up to date. */
  output: string;
}

/**
 * Runs `serverless package` (osls, installed as `serverless`) for one compose service with no
 * network and no AWS account: compose's
 * `${infrastructure.…}` outputs are given as --param stand-ins. Reuses the last package while none
 * of its inputs changed, so the test files that need the same bundle build it once.
 */
export async function packageService(service: ServiceName): Promise<PackagedService> {
  const dir = join(DEPLOY, service);
  const artifacts = join(dir, '.serverless');
  const stamp = join(artifacts, 'test-fingerprint');
  return withLock(service, async () => {
    let output = '';
    const expected = fingerprint(service);
    if (readFileSyncOrEmpty(stamp) !== expected) {
      const params = Object.keys(readCompose().services[service].params ?? {}).map(
        (name) => `--param=${name}=${stubParam(name)}`,
      );
      const result = await promisify(execFile)(
        process.execPath,
        [join(ROOT, 'node_modules/serverless/bin/serverless.js'), 'package', ...params],
        {
          cwd: dir,
          env: { ...process.env, ...OFFLINE_ENV, AWS_PROFILE: '' },
          timeout: PACKAGE_TIMEOUT_MS,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      output = result.stdout + result.stderr;
      writeFileSync(stamp, expected);
    }
    const template = JSON.parse(readFileSync(join(artifacts, 'cloudformation-template-update-stack.json'), 'utf8'));
    const zipName = readdirSync(artifacts).find((name) => name.endsWith('.zip'));
    return { template, zip: zipName ? readFileSync(join(artifacts, zipName)) : undefined, output };
  });
}

/** The service's Lambda package unzipped into a temporary folder (removed at teardown), as Lambda's task root. */
export async function unpackService(t: Test, service: ServiceName): Promise<string> {
  const { zip } = await packageService(service);
  if (!zip) throw new Error(`${service} has no Lambda package`);
  const root = await mkdtemp(join(tmpdir(), `omni-lambda-${service}-`));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, data] of unzipEntries(zip)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), data);
  }
  return root;
}
