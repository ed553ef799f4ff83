import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { Test } from 'tap';

const run = promisify(execFile);

/** The image `npm run test:container` built (deploy/container/build-image.sh), and the base it stands on. */
export const IMAGE = process.env.OMNI_IMAGE ?? 'omni:local';
export const BASE_IMAGE = process.env.OMNI_BASE_IMAGE ?? 'localhost/node:24-bookworm-slim';

/** Runs podman and resolves with its output; rejects naming the command and podman's own words. */
export async function podman(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('podman', args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`podman ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

function envArgs(env: Record<string, string>): string[] {
  return Object.entries(env).flatMap(([name, value]) => ['--env', `${name}=${value}`]);
}

/**
 * A container of the image on the host's network (so it reaches the test's PostgreSQL and SQS
 * emulator on 127.0.0.1), started detached and removed at teardown. Resolves with its name. The
 * HEALTHCHECK runs when the test asks (`podman healthcheck run`), not on a timer: Podman's timers
 * need systemd, which this machine has not.
 */
export async function startContainer(t: Test, role: string, env: Record<string, string>, command: string[] = []) {
  const name = `omni-test-${role}-${randomBytes(4).toString('hex')}`;
  const args = ['--detach', '--name', name, '--network', 'host', '--health-interval', 'disable'];
  await podman('run', ...args, ...envArgs(env), IMAGE, ...command);
  t.teardown(() => podman('rm', '--force', '--time', '0', name).then(() => undefined));
  return name;
}

/** Runs one command of the image to its end: its exit code and everything it wrote. */
export async function runToEnd(env: Record<string, string>, command: string[]) {
  const args = ['run', '--rm', '--network', 'host', '--health-interval', 'disable', ...envArgs(env), IMAGE, ...command];
  try {
    const { stdout, stderr } = await run('podman', args, { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: code ?? -1, output: `${stdout ?? ''}${stderr ?? ''}` };
  }
}

/** What a container wrote to stdout and stderr so far. */
export async function containerLogs(name: string): Promise<string> {
  const { stdout, stderr } = await run('podman', ['logs', name], { maxBuffer: 64 * 1024 * 1024 });
  return stdout + stderr;
}
