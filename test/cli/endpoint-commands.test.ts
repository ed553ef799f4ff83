import t from 'tap';
import { auditRows } from '../helpers/audit.js';
import { createTestDatabase } from '../helpers/database.js';
import { runOmni, stderrOf } from '../helpers/omni-cli.js';

// A dozen CLI processes, each loading the whole program: on a busy box that takes minutes, as the
// channel CLI test does.
t.setTimeout(300_000);

t.test('omni endpoint add/list/enable/remove manage subscribed endpoints on DATABASE_URL', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', ENDPOINT_PRIVATE_HOSTS: 'hooks.internal' };
  const omni = (...args: string[]) => runOmni(['endpoint', ...args], env);

  const added = JSON.parse(
    (await omni('add', 'https://crm.example.com/omni', '--events', 'message.received, message.status')).stdout,
  );
  t.match(added, {
    id: Number,
    url: 'https://crm.example.com/omni',
    eventTypes: ['message.received', 'message.status'],
    enabled: true,
    secret: /^whsec_[A-Za-z0-9+/]{32}$/,
  });
  const [stored] = await sql<{ secret: string }[]>`select secret from endpoints where id = ${added.id}`;
  t.equal(stored!.secret, added.secret, 'the printed secret is the one that signs');
  const all = JSON.parse((await omni('add', 'http://hooks.internal:8080/events', '--events', '*')).stdout);

  const listed = (await omni('list')).stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  t.match(listed, [
    { id: added.id, eventTypes: ['message.received', 'message.status'] },
    { id: all.id, eventTypes: ['*'] },
  ]);
  t.notOk(
    listed.some((e) => 'secret' in e),
    'list never shows a secret',
  );

  await sql`update endpoints set enabled = false, disabled_at = now(), disabled_reason = 'test', consecutive_failures = 20 where id = ${added.id}`;
  t.equal((await omni('enable', String(added.id))).stdout.trim(), `enabled endpoint ${added.id}`);
  t.match(JSON.parse((await omni('list')).stdout.split('\n')[0]!), {
    enabled: true,
    consecutiveFailures: 0,
    disabledAt: null,
    disabledReason: null,
  });

  t.equal((await omni('remove', String(added.id))).stdout.trim(), `removed endpoint ${added.id}`);
  t.match(
    (await omni('list')).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line)),
    [{ id: all.id }],
  );
  t.match(await stderrOf(omni('remove', String(added.id))), /no endpoint/, 'removing twice names what is missing');

  const audited = await auditRows(sql);
  const cli = { actor_kind: 'cli', actor_id: null, actor_name: String, ip: null, target_kind: 'endpoint' };
  t.match(audited, [
    { ...cli, action: 'endpoint.created', target_id: String(added.id), detail: { origin: 'https://crm.example.com' } },
    { ...cli, action: 'endpoint.created', target_id: String(all.id), detail: { eventTypes: ['*'] } },
    { ...cli, action: 'endpoint.enabled', target_id: String(added.id) },
    { ...cli, action: 'endpoint.removed', target_id: String(added.id) },
  ]);
  t.equal(audited.length, 4, 'one row per change; a refused removal records none');
  t.notOk(
    audited.some((row) => row.text.includes(added.secret) || row.text.includes('/omni')),
    'no signing secret, no path',
  );
});

t.test('omni endpoint add refuses what could never be delivered', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', ENDPOINT_PRIVATE_HOSTS: '10.0.0.5:8080' };
  const add = (target: string, events = 'message.received') =>
    runOmni(['endpoint', 'add', target, '--events', events], env);

  t.match(await stderrOf(add('ftp://example.com/hook')), /only http and https/);
  t.match(
    await stderrOf(add('http://127.0.0.1:9000/hook')),
    /127\.0\.0\.1 is not a public address; allow it with ENDPOINT_PRIVATE_HOSTS/,
  );
  t.match(await stderrOf(add('http://[::1]/hook')), /::1 is not a public address/);
  t.match(await stderrOf(add('http://169.254.169.254/latest')), /not a public address/);
  t.match(await stderrOf(add('https://user:pw@example.com/hook')), /credentials/);
  t.match(await stderrOf(add('https://example.com/hook', 'message.deleted')), /unknown event type "message.deleted"/);
  t.match(await stderrOf(add('https://example.com/hook', ' , ')), /at least one event type/);
  t.same(await sql`select id from endpoints`, [], 'nothing was stored');

  t.match(
    JSON.parse((await add('http://10.0.0.5:8080/hook')).stdout),
    { url: 'http://10.0.0.5:8080/hook' },
    'a private address named in ENDPOINT_PRIVATE_HOSTS is accepted',
  );
});
