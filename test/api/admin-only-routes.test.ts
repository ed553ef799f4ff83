import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { addTestChannel, openTestChannels, TEST_BOX, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

t.test('channel management, unrouted accounts and contact exports are for admins', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const channels = await openTestChannels(t, sql, { platforms: {} });
  const { app } = await createTestApp(t, {
    sql,
    queue,
    channels,
    channelSealing: { box: TEST_BOX, config: loadConfig({}) },
  });
  const brazil = (await addTestChannel(sql, whatsAppChannel('Brazil', '1001'))).channel;
  const chile = (await addTestChannel(sql, whatsAppChannel('Chile', '1002'))).channel;
  await createTestAgent(sql, 'root@example.com', 'admin');
  const agent = await createTestAgent(sql, 'ana@example.com', 'agent');
  await sql`insert into agent_channels (agent_id, channel_id) values (${agent.id}, ${brazil.id})`;
  const admin = { cookie: await loginCookie(app, 'root@example.com') };
  const agentSession = { cookie: await loginCookie(app, 'ana@example.com') };
  const agentToken = {
    authorization: (await bearerHeaders(sql, 'agent-token', { role: 'agent', channelIds: [brazil.id] })).authorization,
  };

  t.test('POST /api/channels answers 403 to an agent and 201 to an admin', async (t) => {
    const peru = whatsAppChannel('Peru', '1003');
    for (const headers of [agentSession, agentToken]) {
      const refused = await app.inject({ method: 'POST', url: '/api/channels', headers, payload: peru });
      t.equal(refused.statusCode, 403);
      t.equal(refused.json().error.code, 'OMNI_ERR_AUTH_ADMIN_REQUIRED');
    }
    const added = await app.inject({ method: 'POST', url: '/api/channels', headers: admin, payload: peru });
    t.equal(added.statusCode, 201);
  });

  t.test('an agent cannot change or remove even its own channel', async (t) => {
    for (const route of [
      { method: 'PATCH', url: `/api/channels/${brazil.id}`, payload: { enabled: false } },
      { method: 'DELETE', url: `/api/channels/${brazil.id}` },
    ] as const) {
      const refused = await app.inject({ ...route, headers: agentToken });
      t.equal(refused.statusCode, 403, `${route.method} ${route.url}`);
    }
    const [row] = await sql`select enabled, removed_at from channels where id = ${brazil.id}`;
    t.match(row, { enabled: true, removed_at: null });
  });

  t.test('GET /api/channels lists an agent only its channels, and no secret fields', async (t) => {
    for (const headers of [agentSession, agentToken]) {
      const listed = await app.inject({ method: 'GET', url: '/api/channels', headers });
      t.equal(listed.statusCode, 200);
      t.match(listed.json().channels, [{ id: brazil.id, name: 'Brazil', phoneNumberId: '1001' }]);
      t.equal(listed.json().channels.length, 1);
      t.notOk('secrets' in listed.json().channels[0], 'not even the hints of its secrets');
      t.notMatch(listed.body, /…/);
      const other = await app.inject({ method: 'GET', url: `/api/channels/${chile.id}`, headers });
      t.equal(other.statusCode, 404, 'another channel does not exist for it');
      const own = await app.inject({ method: 'GET', url: `/api/channels/${brazil.id}`, headers });
      t.equal(own.statusCode, 200);
      t.notOk('secrets' in own.json().channel);
    }
    const asAdmin = await app.inject({ method: 'GET', url: '/api/channels', headers: admin });
    t.ok(asAdmin.json().channels.length >= 2, 'an admin sees every channel');
    t.match(asAdmin.json().channels[0].secrets, { appSecret: /^…/ });
  });

  t.test('unrouted accounts and contact exports answer 403 to agents', async (t) => {
    for (const url of ['/api/channels/unrouted', '/api/contacts/1/export']) {
      for (const headers of [agentSession, agentToken]) {
        const refused = await app.inject({ method: 'GET', url, headers });
        t.equal(refused.statusCode, 403, url);
        t.equal(refused.json().error.code, 'OMNI_ERR_AUTH_ADMIN_REQUIRED');
      }
    }
    t.equal((await app.inject({ method: 'GET', url: '/api/channels/unrouted', headers: admin })).statusCode, 200);
    t.equal((await app.inject({ method: 'GET', url: '/api/contacts/1/export', headers: admin })).statusCode, 404);
  });
});
