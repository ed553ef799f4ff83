import t from 'tap';
import { hashToken } from '../../src/auth/tokens.js';
import { findActiveApiToken } from '../../src/store/api-tokens.js';
import { createTestApp } from '../helpers/app.js';
import { AGENT_PASSWORD } from '../helpers/auth.js';
import { addTestChannel, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { runOmni, stderrOf } from '../helpers/omni-cli.js';
import { createTestQueue } from '../helpers/queue.js';

const NEW_PASSWORD = 'the reset passphrase';
// About twenty CLI processes, each starting node and opening the database: near tap's 120 s on a
// busy two-core box, though each waits on its own answer, never on time.
t.setTimeout(300_000);

t.test('omni user and omni token', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, platforms: {} });
  const brazil = (await addTestChannel(sql, whatsAppChannel('Brazil', '1001'))).channel;
  const chile = (await addTestChannel(sql, whatsAppChannel('Chile', '1002'))).channel;
  const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', OMNI_USER_PASSWORD: AGENT_PASSWORD };
  const omni = async (...args: string[]) => (await runOmni(args, env)).stdout;
  const login = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/login', payload: { email, password } });
  const channelIdsOf = (json: string) => JSON.parse(json).channels.map((c: { id: number }) => c.id);

  t.test('user create with --channel twice makes a member of both, audited as the CLI user', async (t) => {
    const created = await omni(
      'user',
      'create',
      '--email',
      'ops@example.com',
      '--name',
      'Ops',
      '--role',
      'agent',
      '--channel',
      'whatsapp/Brazil',
      '--channel',
      String(chile.id),
    );
    t.match(JSON.parse(created), { email: 'ops@example.com', name: 'Ops', role: 'agent', disabled: false });
    t.same(channelIdsOf(created), [brazil.id, chile.id]);
    const [agent] = await sql`select password_hash from agents where email = 'ops@example.com'`;
    t.match(agent!.password_hash, /^scrypt\$32768\$8\$1\$/, 'the password is kept only as a scrypt hash');
    const [audit] = await sql`select actor_kind, actor_name, ip, detail from audit_log where action = 'user.created'`;
    t.match(audit, { actor_kind: 'cli', actor_name: /\S/, ip: null });
    t.notMatch(JSON.stringify(audit), AGENT_PASSWORD);
  });

  t.test('an unknown channel, a missing role or a taken email fail naming what to fix', async (t) => {
    const base = ['user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'agent'];
    t.match(
      await stderrOf(runOmni([...base, '--channel', 'whatsapp/Peru'], env)),
      /--channel: No channel is named "Peru" on whatsapp/,
    );
    t.match(await stderrOf(runOmni(base.slice(0, -2), env)), /--role/);
    t.match(
      await stderrOf(runOmni([...base.slice(0, 2), '--email', 'OPS@example.com', ...base.slice(4)], env)),
      /already has the email/,
    );
    t.equal((await sql`select 1 from agents where email = 'x@example.com'`).length, 0);
  });

  t.test('user update adds and removes channels and changes the role', async (t) => {
    const removed = await omni('user', 'update', 'ops@example.com', '--remove-channel', 'Brazil', '--name', 'Ops Team');
    t.match(JSON.parse(removed), { name: 'Ops Team' });
    t.same(channelIdsOf(removed), [chile.id]);
    const added = await omni(
      'user',
      'update',
      'ops@example.com',
      '--add-channel',
      'whatsapp/Brazil',
      '--role',
      'admin',
    );
    t.match(JSON.parse(added), { role: 'admin' });
    t.same(channelIdsOf(added), [brazil.id, chile.id]);
    t.match(
      await stderrOf(runOmni(['user', 'update', 'nobody@example.com', '--name', 'N'], env)),
      /no user has the email/,
    );
  });

  t.test('user disable ends an existing session and refuses login; enable admits it again', async (t) => {
    const cookie = String((await login('ops@example.com', AGENT_PASSWORD)).headers['set-cookie']).split(';')[0]!;
    t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode, 200);
    t.match(JSON.parse(await omni('user', 'disable', 'ops@example.com')), { disabled: true });
    t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode, 401);
    t.equal((await login('ops@example.com', AGENT_PASSWORD)).statusCode, 401);
    await omni('user', 'enable', 'ops@example.com');
    t.equal((await login('ops@example.com', AGENT_PASSWORD)).statusCode, 200);
  });

  t.test('user reset-password: the old password fails, the new one works, old sessions end', async (t) => {
    const cookie = String((await login('ops@example.com', AGENT_PASSWORD)).headers['set-cookie']).split(';')[0]!;
    await omni('user', 'reset-password', 'ops@example.com', '--password', NEW_PASSWORD);
    t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode, 401);
    t.equal((await login('ops@example.com', AGENT_PASSWORD)).statusCode, 401);
    t.equal((await login('ops@example.com', NEW_PASSWORD)).statusCode, 200);
    const actions = await sql`select action from audit_log where target_kind = 'user' order by id`;
    t.same(
      actions.map((a) => a.action),
      ['user.created', 'user.updated', 'user.updated', 'user.disabled', 'user.enabled', 'user.password_reset'],
    );
  });

  t.test('token create --role agent --channel makes a token whose /api/me shows its channels', async (t) => {
    const token = (await omni('token', 'create', '--name', 'crm', '--role', 'agent', '--channel', 'Chile')).trim();
    t.match(token, /^omt_[A-Za-z0-9_-]{43}$/, 'the token is printed once');
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    t.match(me.json(), {
      agent: null,
      token: { name: 'crm' },
      role: 'agent',
      channels: [{ id: chile.id, name: 'Chile' }],
    });
    t.equal(me.json().channels.length, 1);
    const [audit] = await sql`select detail from audit_log where action = 'token.created'`;
    t.same(audit!.detail, { name: 'crm', role: 'agent', channelIds: [chile.id] });
    t.notMatch(JSON.stringify(audit), token);
  });

  t.test('an agent token needs --channel, an admin token takes none, and --role is required', async (t) => {
    t.match(
      await stderrOf(runOmni(['token', 'create', '--name', 'a', '--role', 'agent'], env)),
      /--channel is required/,
    );
    t.match(
      await stderrOf(runOmni(['token', 'create', '--name', 'b', '--role', 'admin', '--channel', 'Chile'], env)),
      /--channel is for agent tokens/,
    );
    t.match(await stderrOf(runOmni(['token', 'create', '--name', 'c'], env)), /--role/);
  });

  t.test('token revoke ends the token and is audited; an active name cannot be reused', async (t) => {
    const token = (await omni('token', 'create', '--name', 'ci', '--role', 'admin')).trim();
    t.ok(await findActiveApiToken(sql, hashToken(token)));
    t.match(await stderrOf(runOmni(['token', 'create', '--name', 'ci', '--role', 'admin'], env)), /already named "ci"/);
    t.equal((await omni('token', 'revoke', '--name', 'ci')).trim(), 'revoked ci');
    t.notOk(await findActiveApiToken(sql, hashToken(token)));
    const [audit] = await sql`select target_id, detail from audit_log where action = 'token.revoked'`;
    t.same(audit!.detail, { name: 'ci' });
  });
});
