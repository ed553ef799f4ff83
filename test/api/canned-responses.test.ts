import t from 'tap';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

t.test('canned responses over /api/canned-responses', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  await createTestAgent(sql, 'root@example.com', 'admin');
  await createTestAgent(sql, 'ana@example.com', 'agent');
  // Sessions name themselves as the dashboard's script does, so a DELETE (no JSON body) passes the CSRF check.
  const session = async (email: string) => ({ cookie: await loginCookie(app, email), 'x-requested-with': 'omni' });
  const admin = await session('root@example.com');
  const agent = await session('ana@example.com');
  const agentToken = {
    authorization: (await bearerHeaders(sql, 'bot', { role: 'agent', channelIds: [] })).authorization,
  };
  const create = (payload: object, headers: Record<string, string> = admin) =>
    app.inject({ method: 'POST', url: '/api/canned-responses', headers, payload });
  const list = async (headers: Record<string, string>) =>
    (await app.inject({ method: 'GET', url: '/api/canned-responses', headers })).json().cannedResponses;

  t.test('an admin creates one, and every agent reads it, by shortcode', async (t) => {
    const thanks = await create({ shortcode: 'thanks', text: 'Thank you for writing to us!' });
    t.equal(thanks.statusCode, 201);
    t.match(thanks.json().cannedResponse, { id: Number, shortcode: 'thanks', text: 'Thank you for writing to us!' });
    t.equal((await create({ shortcode: 'address', text: 'We are at 1 Main Street.' })).statusCode, 201);
    for (const headers of [agent, agentToken, admin]) {
      t.match(
        (await list(headers)).map((c: { shortcode: string }) => c.shortcode),
        ['address', 'thanks'],
        'shared by the team, in shortcode order',
      );
    }
    const [audit] = await sql`select action, actor_name, detail from audit_log where target_kind = 'canned_response'`;
    t.match(audit, {
      action: 'canned_response.created',
      actor_name: 'root@example.com',
      detail: { shortcode: 'thanks' },
    });
  });

  t.test('agents read but do not write: 403 for POST, PATCH and DELETE', async (t) => {
    const [first] = await list(admin);
    for (const headers of [agent, agentToken]) {
      for (const route of [
        { method: 'POST', url: '/api/canned-responses', payload: { shortcode: 'mine', text: 'Mine' } },
        { method: 'PATCH', url: `/api/canned-responses/${first.id}`, payload: { text: 'Changed' } },
        { method: 'DELETE', url: `/api/canned-responses/${first.id}` },
      ] as const) {
        const response = await app.inject({ ...route, headers });
        t.equal(response.statusCode, 403, `${route.method} ${route.url}`);
        t.equal(response.json().error.code, 'OMNI_ERR_AUTH_ADMIN_REQUIRED');
      }
    }
    t.equal((await list(admin)).length, 2, 'nothing changed');
  });

  t.test('an invalid shortcode or text is a 400 naming the field', async (t) => {
    for (const [payload, field] of [
      [{ shortcode: 'Thanks!', text: 'Hi' }, 'shortcode'],
      [{ shortcode: '', text: 'Hi' }, 'shortcode'],
      [{ shortcode: 'x'.repeat(33), text: 'Hi' }, 'shortcode'],
      [{ shortcode: '-dash', text: 'Hi' }, 'shortcode'],
      [{ shortcode: 'blank', text: '   ' }, 'text'],
      [{ shortcode: 'long', text: 'x'.repeat(4097) }, 'text'],
      [{ shortcode: 'none' }, 'text'],
    ] as const) {
      const response = await create(payload);
      t.equal(response.statusCode, 400, JSON.stringify(payload).slice(0, 60));
      t.equal(response.json().error.code, 'OMNI_ERR_API_BAD_REQUEST');
      t.match(response.json().error.message, field);
    }
    t.equal((await list(admin)).length, 2, 'nothing was stored');
  });

  t.test('a taken shortcode is a 409 with its catalogue code, on create and on change', async (t) => {
    const again = await create({ shortcode: 'thanks', text: 'Thanks again' });
    t.equal(again.statusCode, 409);
    t.same(again.json().error, {
      code: 'OMNI_ERR_CANNED_SHORTCODE_TAKEN',
      message: 'shortcode: /thanks is taken by another canned response',
    });
    const address = (await list(admin)).find((c: { shortcode: string }) => c.shortcode === 'address');
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/canned-responses/${address.id}`,
      headers: admin,
      payload: { shortcode: 'thanks' },
    });
    t.equal(renamed.statusCode, 409);
    t.equal(renamed.json().error.code, 'OMNI_ERR_CANNED_SHORTCODE_TAKEN');
  });

  t.test('an admin changes and deletes one; an unknown id is a 404', async (t) => {
    const address = (await list(admin)).find((c: { shortcode: string }) => c.shortcode === 'address');
    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/canned-responses/${address.id}`,
      headers: admin,
      payload: { shortcode: 'where', text: 'We moved to 2 High Street.' },
    });
    t.equal(changed.statusCode, 200);
    t.match(changed.json().cannedResponse, { id: address.id, shortcode: 'where', text: 'We moved to 2 High Street.' });
    const empty = await app.inject({
      method: 'PATCH',
      url: `/api/canned-responses/${address.id}`,
      headers: admin,
      payload: {},
    });
    t.equal(empty.statusCode, 400, 'a change changes something');

    const deleted = await app.inject({ method: 'DELETE', url: `/api/canned-responses/${address.id}`, headers: admin });
    t.equal(deleted.statusCode, 200);
    t.equal(deleted.json().cannedResponse.shortcode, 'where');
    t.same(
      (await list(agent)).map((c: { shortcode: string }) => c.shortcode),
      ['thanks'],
    );
    for (const method of ['PATCH', 'DELETE'] as const) {
      const response = await app.inject({
        method,
        url: `/api/canned-responses/${address.id}`,
        headers: admin,
        ...(method === 'PATCH' ? { payload: { text: 'x' } } : {}),
      });
      t.equal(response.statusCode, 404, method);
      t.equal(response.json().error.message, `canned response ${address.id} not found`);
    }
    const actions = await sql`select action from audit_log where target_kind = 'canned_response' order by id`;
    t.same(
      actions.map((r) => r.action),
      ['canned_response.created', 'canned_response.created', 'canned_response.updated', 'canned_response.deleted'],
    );
  });
});
