import t from 'tap';
import { createTestApp } from '../helpers/app.js';
import { AGENT_PASSWORD, bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { addTestChannel, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

const NEW_PASSWORD = 'a brand new passphrase';

t.test('users over /api/users, and /api/me', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  const brazil = (await addTestChannel(sql, whatsAppChannel('Brazil', '1001'))).channel;
  const chile = (await addTestChannel(sql, whatsAppChannel('Chile', '1002'))).channel;
  await createTestAgent(sql, 'root@example.com', 'admin');
  const agent = await createTestAgent(sql, 'ana@example.com', 'agent');
  await sql`insert into agent_channels (agent_id, channel_id) values (${agent.id}, ${brazil.id})`;
  const adminCookie = await loginCookie(app, 'root@example.com');
  const agentCookie = await loginCookie(app, 'ana@example.com');
  const admin = { cookie: adminCookie };
  const login = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/login', payload: { email, password } });

  t.test('only an admin session or an admin token reaches /api/users', async (t) => {
    const adminToken = await bearerHeaders(sql, 'admin-token');
    const agentToken = await bearerHeaders(sql, 'agent-token', { role: 'agent', channelIds: [brazil.id] });
    for (const headers of [{ cookie: agentCookie }, { authorization: agentToken.authorization }]) {
      for (const route of [
        { method: 'GET', url: '/api/users' },
        {
          method: 'POST',
          url: '/api/users',
          payload: { email: 'x@example.com', name: 'X', role: 'agent', password: NEW_PASSWORD },
        },
        { method: 'PATCH', url: `/api/users/${agent.id}`, payload: { role: 'admin' } },
      ] as const) {
        const response = await app.inject({ ...route, headers });
        t.equal(response.statusCode, 403, `${route.method} ${route.url}`);
        t.equal(response.json().error.code, 'OMNI_ERR_AUTH_ADMIN_REQUIRED');
      }
    }
    for (const headers of [admin, { authorization: adminToken.authorization }]) {
      const response = await app.inject({ method: 'GET', url: '/api/users', headers });
      t.equal(response.statusCode, 200);
      t.match(response.json().users, [
        {
          email: 'ana@example.com',
          role: 'agent',
          disabled: false,
          channels: [{ id: brazil.id, platform: 'whatsapp', name: 'Brazil' }],
        },
        { email: 'root@example.com', role: 'admin', disabled: false, channels: [] },
      ]);
      t.notOk(JSON.stringify(response.json()).includes('password'), 'no password hash leaves');
    }
  });

  t.test('an admin creates a user in its channels; the audit row names the admin and the address', async (t) => {
    const payload = {
      email: 'bo@example.com',
      name: 'Bo',
      role: 'agent',
      password: NEW_PASSWORD,
      channelIds: [chile.id],
    };
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: admin, payload });
    t.equal(created.statusCode, 201);
    t.match(created.json().user, { email: 'bo@example.com', channels: [{ id: chile.id }] });
    const [audit] = await sql`select * from audit_log where action = 'user.created' and actor_kind = 'agent'`;
    t.match(audit, { actor_name: 'root@example.com', ip: '127.0.0.1', target_id: String(created.json().user.id) });
    t.notMatch(JSON.stringify(audit), NEW_PASSWORD);
    const again = await app.inject({ method: 'POST', url: '/api/users', headers: admin, payload });
    t.equal(again.statusCode, 409);
    t.equal(again.json().error.code, 'OMNI_ERR_USER_EXISTS');
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { ...payload, email: 'cy@example.com', channelIds: [9999] },
    });
    t.equal(unknown.statusCode, 400);
    t.match(unknown.json().error, { code: 'OMNI_ERR_USER_CHANNEL_UNKNOWN', message: /^channelIds: / });
  });

  t.test('a disabled user is logged out at once and cannot log in until enabled', async (t) => {
    const user = await createTestAgent(sql, 'di@example.com', 'agent');
    const cookie = await loginCookie(app, 'di@example.com');
    const patch = (payload: object) =>
      app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: admin, payload });
    t.match((await patch({ disabled: true })).json().user, { disabled: true });
    t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode, 401);
    t.equal((await login('di@example.com', AGENT_PASSWORD)).statusCode, 401);
    t.match((await patch({ disabled: false })).json().user, { disabled: false });
    t.equal((await login('di@example.com', AGENT_PASSWORD)).statusCode, 200);
  });

  t.test('a password reset refuses the old password, takes the new one and ends the old sessions', async (t) => {
    const user = await createTestAgent(sql, 'ed@example.com', 'agent');
    const cookie = await loginCookie(app, 'ed@example.com');
    const reset = await app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: admin,
      payload: { password: NEW_PASSWORD },
    });
    t.equal(reset.statusCode, 200);
    t.equal((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode, 401);
    t.equal((await login('ed@example.com', AGENT_PASSWORD)).statusCode, 401);
    t.equal((await login('ed@example.com', NEW_PASSWORD)).statusCode, 200);
    const [audit] = await sql`select detail from audit_log where action = 'user.password_reset'`;
    t.same(audit!.detail, {});
  });

  t.test('PATCH channelIds replaces the channels; an unknown user is a 404', async (t) => {
    const replaced = await app.inject({
      method: 'PATCH',
      url: `/api/users/${agent.id}`,
      headers: admin,
      payload: { channelIds: [chile.id] },
    });
    t.same(
      replaced.json().user.channels.map((c: { id: number }) => c.id),
      [chile.id],
    );
    await sql`update agent_channels set channel_id = ${brazil.id} where agent_id = ${agent.id}`;
    const missing = await app.inject({
      method: 'PATCH',
      url: '/api/users/99999',
      headers: admin,
      payload: { name: 'X' },
    });
    t.equal(missing.statusCode, 404);
    t.equal(missing.json().error.code, 'OMNI_ERR_USER_NOT_FOUND');
  });

  t.test('/api/me names the caller, its role and the channels it sees', async (t) => {
    const asAgent = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: agentCookie } });
    t.same(asAgent.json(), {
      agent: { id: agent.id, email: 'ana@example.com', name: 'Test Agent', role: 'agent' },
      role: 'agent',
      channels: [{ id: brazil.id, platform: 'whatsapp', name: 'Brazil' }],
    });
    const asAdmin = await app.inject({ method: 'GET', url: '/api/me', headers: admin });
    t.match(asAdmin.json(), { role: 'admin' });
    t.ok(
      [brazil.id, chile.id].every((id) => asAdmin.json().channels.some((c: { id: number }) => c.id === id)),
      'an admin sees every channel',
    );
    const token = await bearerHeaders(sql, 'crm', { role: 'agent', channelIds: [chile.id] });
    const asToken = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: token.authorization },
    });
    t.match(asToken.json(), {
      agent: null,
      token: { name: 'crm' },
      role: 'agent',
      channels: [{ id: chile.id, platform: 'whatsapp', name: 'Chile' }],
    });
    t.equal(asToken.json().channels.length, 1);
  });
});
