import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { createTestDatabase } from '../helpers/database.js';
import { runOmni, stderrOf } from '../helpers/omni-cli.js';

t.test('omni channel add|update take --assignment and --assignment-cap, and list shows them', async (t) => {
  const { url } = await createTestDatabase(t);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    OMNI_DATA_DIR: await mkdtemp(join(tmpdir(), 'omni-assignment-')),
    OMNI_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  };
  const omni = async (...args: string[]) => (await runOmni(['channel', ...args], env)).stdout;
  const secrets = [
    '--app-secret',
    'app-secret-brazil-0001',
    '--verify-token',
    'verify-token-brazil',
    '--access-token',
    'EAAG-access-token-brazil-9876',
  ];

  await omni(
    'add',
    'whatsapp',
    '--name',
    'Brazil',
    '--phone-number-id',
    '5550001',
    ...secrets,
    '--assignment',
    'round_robin',
    '--assignment-cap',
    '4',
  );
  t.match(await omni('list'), /Brazil .* round_robin \(cap 4\)/);
  await omni('update', 'Brazil', '--assignment-cap', 'none');
  const [channel] = JSON.parse(await omni('list', '--json'));
  t.match(channel, { name: 'Brazil', assignment: 'round_robin', assignmentCap: null });
  t.match(
    await stderrOf(runOmni(['channel', 'update', 'Brazil', '--assignment', 'random'], env)),
    /--assignment must be one of manual, round_robin/,
    'a bad mode names the flag',
  );
});
