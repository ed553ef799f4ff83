import t from 'tap';
import { createTestApp } from '../helpers/app.js';
import { auditRows } from '../helpers/audit.js';
import { bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { addTestChannel, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

t.test('API tokens over /api/tokens', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { logger, text: logText } = capturedLogger();
  const { app } = await createTestApp(t, { sql, queue, platforms: {}, logger });
  const brazil = (await addTestChannel(sql, whatsAppChannel('Brazil', '1001'))).channel;
  await createTestAgent(sql, 'root@example.com', 'admin');
  const agent = await createTestAgent(sql, 'ana@example.com', 'agent');
  await sql`insert into agent_channels (agent_id, channel_id) values (${agent.id}, ${brazil.id})`;
  // Sessions name themselves as the dashboard's script does, so a bodiless DELETE passes the CSRF check.
  const admin = { cookie: await loginCookie(app, 'root@example.com'), 'x-requested-with': 'omni' };
  const agentToken = await bearerHeaders(sql, 'agent-token', { role: 'agent', channelIds: [brazil.id] });
  const create = (payload: object, headers: Record<string, string> = admin) =>
    app.inject({ method: 'POST', url: '/api/tokens', headers, payload });

  t.test('agents, by session or token, get 403 from every token route', async (t) => {
    const agentCallers = [
      { cookie: await loginCookie(app, 'ana@example.com'), 'x-requested-with': 'omni' },
      { authorization: agentToken.authorization },
    ];
    for (const headers of agentCallers) {
      for (const route of [
        { method: 'GET', url: '/api/tokens' },
        { method: 'POST', url: '/api/tokens', payload: { name: 'sneaky', role: 'admin' } },
        { method: 'DELETE', url: '/api/tokens/1' },
      ] as const) {
        const response = await app.inject({ ...route, headers });
        t.equal(response.statusCode, 403, `${route.method} ${route.url}`);
        t.equal(response.json().error.code, 'OMNI_ERR_AUTH_ADMIN_REQUIRED');
      }
    }
    t.equal((await sql`select 1 from api_tokens where name = 'sneaky'`).length, 0, 'nothing was created');
  });

  t.test('a refused body answers 400 naming the field at fault', async (t) => {
    const cases = [
      [{ role: 'admin' }, /name/, 'OMNI_ERR_API_BAD_REQUEST'],
      [{ name: '', role: 'admin' }, /name/, 'OMNI_ERR_API_BAD_REQUEST'],
      [{ name: 'x', role: 'boss' }, /role/, 'OMNI_ERR_API_BAD_REQUEST'],
      [{ name: 'x', role: 'agent' }, /^channelIds is required for an agent token/, 'OMNI_ERR_TOKEN_ACCESS_INVALID'],
      [
        { name: 'x', role: 'admin', channelIds: [brazil.id] },
        /^channelIds is for agent tokens/,
        'OMNI_ERR_TOKEN_ACCESS_INVALID',
      ],
      [{ name: 'x', role: 'agent', channelIds: [999999] }, /^channelIds: /, 'OMNI_ERR_USER_CHANNEL_UNKNOWN'],
    ] as const;
    for (const [payload, message, code] of cases) {
      const response = await create(payload);
      t.equal(response.statusCode, 400, JSON.stringify(payload));
      t.match(response.json().error, { code, message }, JSON.stringify(payload));
    }
    t.equal((await sql`select 1 from api_tokens where name = 'x'`).length, 0, 'nothing was created');
  });

  t.test('a new token is answered once: listed without it, usable, revoked by id and then refused', async (t) => {
    const created = await create({ name: 'sales-bot', role: 'agent', channelIds: [brazil.id] });
    t.equal(created.statusCode, 201);
    const { token, secret } = created.json();
    t.match(secret, /^omt_[A-Za-z0-9_-]{43}$/);
    t.match(token, {
      name: 'sales-bot',
      role: 'agent',
      channels: [{ id: brazil.id, name: 'Brazil', platform: 'whatsapp' }],
    });
    t.ok(Number.isFinite(Date.parse(token.createdAt)));

    const bearer = { authorization: `Bearer ${secret}` };
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/conversations', headers: bearer })).statusCode,
      200,
      'it works',
    );

    const listed = await app.inject({ method: 'GET', url: '/api/tokens', headers: admin });
    t.equal(listed.statusCode, 200);
    t.same(
      listed.json().tokens.map((x: { name: string }) => x.name),
      ['agent-token', 'sales-bot'],
    );
    t.same(listed.json().tokens[1], token, 'listed as it was answered');
    t.notOk(listed.body.includes(secret), 'the list never holds the token');

    t.equal((await create({ name: 'sales-bot', role: 'admin' })).json().error.code, 'OMNI_ERR_TOKEN_NAME_TAKEN');

    const revoked = await app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: admin });
    t.equal(revoked.statusCode, 204);
    const refused = await app.inject({ method: 'GET', url: '/api/conversations', headers: bearer });
    t.equal(refused.statusCode, 401, 'a revoked token is refused');
    const again = await app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: admin });
    t.equal(again.statusCode, 404);
    t.equal(again.json().error.code, 'OMNI_ERR_TOKEN_NOT_FOUND');
    const after = await app.inject({ method: 'GET', url: '/api/tokens', headers: admin });
    t.same(
      after.json().tokens.map((x: { name: string }) => x.name),
      ['agent-token'],
      'no longer listed',
    );

    const audit = (await auditRows(sql)).filter((row) => row.target_kind === 'token' && row.actor_kind === 'agent');
    t.match(audit, [
      {
        action: 'token.created',
        actor_name: 'root@example.com',
        target_id: String(token.id),
        detail: { name: 'sales-bot', role: 'agent', channelIds: [brazil.id] },
      },
      {
        action: 'token.revoked',
        actor_name: 'root@example.com',
        target_id: String(token.id),
        detail: { name: 'sales-bot' },
      },
    ]);
    t.notOk(
      audit.some((row) => row.text.includes(secret)),
      'the audit log never holds the token',
    );
    t.ok(logText().includes('/api/tokens'), 'the requests were logged');
    t.notOk(logText().includes(secret.slice(4)), 'and no log line holds the token');
  });
});
