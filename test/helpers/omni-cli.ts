import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OMNI = fileURLToPath(new URL('../../bin/omni.js', import.meta.url));

/** Runs the built `omni` command (dist/, as users run it) to its end: its stdout and stderr, or a rejection on failure. */
export function runOmni(args: string[], env: NodeJS.ProcessEnv) {
  return run(process.execPath, [OMNI, ...args], { env });
}

/** What a command that should fail printed on stderr ('succeeded' when it did not fail). */
export const stderrOf = (command: Promise<unknown>) =>
  command.then(
    () => 'succeeded',
    (error: { stderr: string }) => error.stderr,
  );
