import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';

const BIN = fileURLToPath(new URL('../../bin/', import.meta.url));

export interface OmniProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Runs a real `omni` / `omni-worker` process (the built dist/, as users run it) and resolves once its
 * output shows `ready`; killed at teardown if still running.
 */
export async function startOmniProcess(
  t: Test,
  command: 'omni' | 'omni-worker',
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
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
  const deadline = Date.now() + 30_000;
  while (!ready.test(text)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${command} ${args.join(' ')} did not get ready:\n${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output: () => text, exited };
}
