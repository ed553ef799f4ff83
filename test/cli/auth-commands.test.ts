import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { hashToken } from '../../src/auth/tokens.js';
import { findActiveApiToken } from '../../src/store/api-tokens.js';
import { AGENT_PASSWORD } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';

const run = promisify(execFile);
const OMNI = fileURLToPath(new URL('../../bin/omni.js', import.meta.url));

t.test('omni user create and omni token create/revoke work against DATABASE_URL', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', OMNI_USER_PASSWORD: AGENT_PASSWORD };
  const user = await run(process.execPath, [OMNI, 'user', 'create', '--email', 'ops@example.com', '--name', 'Ops'], {
    env,
  });
  t.match(JSON.parse(user.stdout), { email: 'ops@example.com', name: 'Ops', role: 'agent' });
  const [agent] = await sql`select password_hash from agents where email = 'ops@example.com'`;
  t.match(agent!.password_hash, /^scrypt\$32768\$8\$1\$/, 'the password is kept only as a scrypt hash');

  const created = await run(process.execPath, [OMNI, 'token', 'create', '--name', 'ci'], { env });
  const token = created.stdout.trim();
  t.match(token, /^omt_[A-Za-z0-9_-]{43}$/, 'the token is printed once');
  t.ok(await findActiveApiToken(sql, hashToken(token)));
  await t.rejects(
    run(process.execPath, [OMNI, 'token', 'create', '--name', 'ci'], { env }),
    'an active name cannot be reused',
  );
  const revoked = await run(process.execPath, [OMNI, 'token', 'revoke', '--name', 'ci'], { env });
  t.equal(revoked.stdout.trim(), 'revoked ci');
  t.notOk(await findActiveApiToken(sql, hashToken(token)));
});
