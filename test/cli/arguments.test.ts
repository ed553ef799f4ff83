import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { platformArgument, sinceOption } from '../../src/cli/arguments.js';

const run = promisify(execFile);
const OMNI = fileURLToPath(new URL('../../bin/omni.js', import.meta.url));

t.test('a platform argument is one of the four, else an error listing them', async (t) => {
  t.equal(platformArgument('telegram'), 'telegram');
  t.throws(() => platformArgument('myspace'), {
    code: 'OMNI_ERR_CLI_INVALID_ARGUMENT',
    message: 'unknown platform myspace: use whatsapp, messenger, instagram, telegram',
  });
});

t.test('--since is an ISO-8601 time, or nothing when not given', async (t) => {
  t.equal(sinceOption(undefined), undefined);
  t.same(sinceOption('2026-12-01T10:00:00Z'), new Date('2026-12-01T10:00:00Z'));
  t.throws(() => sinceOption('yesterday'), {
    code: 'OMNI_ERR_CLI_INVALID_ARGUMENT',
    message: '--since yesterday is not a time',
  });
});

t.test('a misused flag ends the command with one line naming it, not a stack trace', async (t) => {
  const failure = await run(process.execPath, [OMNI, 'seed', '--messages', '0'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
  }).then(
    () => ({ code: 0, stderr: 'succeeded' }),
    (error: { code: number; stderr: string }) => error,
  );
  t.equal(failure.code, 1);
  t.equal(failure.stderr, 'omni: --messages must be a positive integer\n');
});
