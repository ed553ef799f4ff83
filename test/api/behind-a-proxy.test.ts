import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { createTestApp } from '../helpers/app.js';
import { AGENT_PASSWORD, createTestAgent } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

const LOAD_BALANCER = '10.0.0.2';

/** A login as a proxy forwards it: from the proxy's address, naming the client and the scheme it used. */
function forwardedLogin(app: FastifyInstance, password: string, client: string, from = LOAD_BALANCER) {
  return app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { email: 'agent@example.com', password },
    remoteAddress: from,
    headers: { 'x-forwarded-for': client, 'x-forwarded-proto': 'https' },
  });
}

t.test('behind a proxy', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  await createTestAgent(sql);
  const loginLimit = { max: 2, ipMax: 4, windowMs: 60_000 };

  t.test(
    'with TRUST_PROXY=1, the forwarded scheme makes the cookie Secure and the forwarded IP keys the limit',
    async (t) => {
      const { app } = await createTestApp(t, {
        sql,
        queue,
        trustProxy: loadConfig({ TRUST_PROXY: '1' }).http.trustProxy,
        auth: { loginLimit },
      });
      const login = await forwardedLogin(app, AGENT_PASSWORD, '203.0.113.5');
      t.equal(login.statusCode, 200);
      t.match(String(login.headers['set-cookie']), /; Secure(;|$)/);
      for (let i = 0; i < 2; i++) await forwardedLogin(app, 'wrong password!', '203.0.113.66');
      t.equal((await forwardedLogin(app, AGENT_PASSWORD, '203.0.113.66')).statusCode, 429, 'the guessing client is');
      t.equal(
        (await forwardedLogin(app, AGENT_PASSWORD, '203.0.113.5')).statusCode,
        200,
        'the agent behind the same proxy is not',
      );
    },
  );

  t.test('with TRUST_PROXY naming the proxy, only that proxy is believed', async (t) => {
    const { app } = await createTestApp(t, {
      sql,
      queue,
      trustProxy: loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).http.trustProxy,
      auth: { loginLimit },
    });
    const viaProxy = await forwardedLogin(app, AGENT_PASSWORD, '203.0.113.5');
    t.match(String(viaProxy.headers['set-cookie']), /; Secure(;|$)/);
    const direct = await forwardedLogin(app, AGENT_PASSWORD, '203.0.113.5', '198.51.100.9');
    t.equal(direct.statusCode, 200);
    t.notMatch(String(direct.headers['set-cookie']), /Secure/, 'a client reaching Omni directly cannot claim HTTPS');
  });

  t.test('without TRUST_PROXY, the forwarding headers are ignored', async (t) => {
    const { app } = await createTestApp(t, { sql, queue, auth: { loginLimit } });
    const login = await forwardedLogin(app, AGENT_PASSWORD, '203.0.113.5');
    t.equal(login.statusCode, 200);
    t.notMatch(String(login.headers['set-cookie']), /Secure/);
    for (let i = 0; i < 2; i++) await forwardedLogin(app, 'wrong password!', '203.0.113.66');
    t.equal(
      (await forwardedLogin(app, AGENT_PASSWORD, '203.0.113.5')).statusCode,
      429,
      'every client shares the address of the proxy',
    );
  });
});
