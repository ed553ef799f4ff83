import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { revokeToken } from '../../src/cli/commands/token.js';
import { createUser } from '../../src/cli/commands/user.js';
import { createLocalMediaStore } from '../../src/media/local-media-store.js';
import { parseRevocation, REVOCATIONS_CHANNEL } from '../../src/store/revocations.js';
import { createTestApp } from '../helpers/app.js';
import { AGENT_PASSWORD, bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';

/** A Set-Cookie header's attributes, sorted, with the values of Max-Age and Expires left out. */
function cookieAttributes(setCookie: string): string[] {
  return setCookie
    .split(';')
    .slice(1)
    .map((part) => part.trim().replace(/^(Max-Age|Expires)=.*$/, '$1'))
    .sort();
}

const PROTECTED = [
  { method: 'GET', url: '/api/conversations' },
  { method: 'GET', url: '/api/conversations/1/messages' },
  { method: 'POST', url: '/api/conversations/1/read' },
  { method: 'POST', url: '/api/conversations/1/messages' },
  { method: 'GET', url: '/api/conversations/1' },
  { method: 'POST', url: '/api/conversations/1/assign' },
  { method: 'POST', url: '/api/conversations/1/close' },
  { method: 'POST', url: '/api/conversations/1/reopen' },
  { method: 'GET', url: '/api/contacts/1' },
  { method: 'GET', url: '/api/contacts/1/export' },
  { method: 'DELETE', url: '/api/contacts/1' },
  { method: 'GET', url: '/api/me' },
  { method: 'GET', url: '/api/events' },
  { method: 'POST', url: '/api/logout' },
  { method: 'POST', url: '/api/uploads' },
] as const;

t.test('dashboard API authentication', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const mediaDir = await mkdtemp(join(tmpdir(), 'omni-auth-media-'));
  t.teardown(() => rm(mediaDir, { recursive: true, force: true }));
  const { app } = await createTestApp(t, {
    sql,
    queue,
    liveEvents: true,
    auth: { loginLimit: { max: 3, ipMax: 15, windowMs: 60_000 } },
    mediaStore: createLocalMediaStore(mediaDir),
  });
  await createTestAgent(sql);

  t.test('every /api route but login rejects a request without a session or token with 401', async (t) => {
    for (const route of PROTECTED) {
      for (const headers of [{}, { authorization: 'Bearer not-a-token' }, { cookie: 'omni_session=forged' }]) {
        const response = await app.inject({ ...route, headers });
        t.equal(response.statusCode, 401, `${route.method} ${route.url} ${JSON.stringify(headers)}`);
        t.same(response.json(), {
          error: { code: 'OMNI_ERR_AUTH_REQUIRED', message: 'A valid session or API token is required' },
        });
      }
    }
  });

  t.test('an API token admits requests until it is revoked, then it cannot act', async (t) => {
    const { authorization } = await bearerHeaders(sql, 'integration');
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/conversations', headers: { authorization } })).statusCode,
      200,
    );
    await revokeToken(sql, 'integration');
    const after = await app.inject({ method: 'GET', url: '/api/conversations', headers: { authorization } });
    t.equal(after.statusCode, 401);
    t.equal(after.json().error.code, 'OMNI_ERR_AUTH_REQUIRED');
    await t.rejects(revokeToken(sql, 'integration'), /no active API token named "integration"/);
  });

  t.test('login sets an HttpOnly, SameSite=Strict, Path=/ session cookie that admits requests', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'AGENT@example.com', password: AGENT_PASSWORD },
    });
    t.equal(response.statusCode, 200);
    t.match(response.json(), { agent: { email: 'agent@example.com', name: 'Test Agent', role: 'admin' } });
    t.notOk('passwordHash' in response.json().agent);
    const cookie = String(response.headers['set-cookie']);
    t.match(cookie, /^omni_session=[^;]+;/);
    t.same(cookieAttributes(cookie), ['HttpOnly', 'Max-Age', 'Path=/', 'SameSite=Strict'], 'and not Secure over HTTP');
    const [row] =
      await sql`select count(*)::int as n from sessions where token_hash = sha256(convert_to(${decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!)}, 'UTF8'))`;
    t.equal(row.n, 1, 'the session is stored as the hash of its token');
    const list = await app.inject({
      method: 'GET',
      url: '/api/conversations',
      headers: { cookie: cookie.split(';')[0]! },
    });
    t.equal(list.statusCode, 200);
  });

  t.test('a wrong password is refused, and the attempts after the limit are answered 429', async (t) => {
    await createUser(sql, { email: 'target@example.com', name: 'Target', password: AGENT_PASSWORD, role: 'admin' });
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { email: 'target@example.com', password },
        remoteAddress: '10.0.0.9',
      });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await attempt('wrong password!')).json().error.code);
    t.same(answers, [
      'OMNI_ERR_AUTH_LOGIN_FAILED',
      'OMNI_ERR_AUTH_LOGIN_FAILED',
      'OMNI_ERR_AUTH_LOGIN_FAILED',
      'OMNI_ERR_AUTH_RATE_LIMITED',
    ]);
    const right = await attempt(AGENT_PASSWORD);
    t.equal(right.statusCode, 429, 'even the right password waits for the window');
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'nobody@example.com', password: 'x' },
    });
    t.equal(unknown.json().error.code, 'OMNI_ERR_AUTH_LOGIN_FAILED', 'an unknown email answers like a wrong password');
  });

  t.test('a cookie-authenticated state change must be application/json or carry X-Requested-With', async (t) => {
    const cookie = await loginCookie(app);
    const form = await app.inject({
      method: 'POST',
      url: '/api/conversations/1/read',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1',
    });
    t.equal(form.statusCode, 403);
    t.equal(form.json().error.code, 'OMNI_ERR_AUTH_CSRF_REJECTED');
    const upload = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: { cookie, 'content-type': 'text/plain', ...headers },
        payload: 'a file',
      });
    t.equal(
      (await upload({})).json().error.code,
      'OMNI_ERR_AUTH_CSRF_REJECTED',
      'an upload a cross-site form could send is refused',
    );
    t.equal(
      (await upload({ 'x-requested-with': 'omni-dashboard' })).statusCode,
      201,
      "the dashboard's upload, with the header, is taken",
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    t.equal(login.statusCode, 400, 'login itself accepts only JSON');
  });

  t.test('logout ends the session, announces its revocation and clears the cookie', async (t) => {
    const cookie = await loginCookie(app);
    const revocations: string[] = [];
    const listening = await sql.listen(REVOCATIONS_CHANNEL, (payload) => revocations.push(payload));
    t.teardown(() => listening.unlisten());
    const out = await app.inject({ method: 'POST', url: '/api/logout', headers: { cookie }, payload: {} });
    t.equal(out.statusCode, 204);
    const cleared = String(out.headers['set-cookie']);
    t.match(cleared, /^omni_session=;/);
    t.match(cleared, /Max-Age=0/);
    t.same(cookieAttributes(cleared), ['Expires', 'HttpOnly', 'Max-Age', 'Path=/', 'SameSite=Strict']);
    t.equal((await app.inject({ method: 'GET', url: '/api/conversations', headers: { cookie } })).statusCode, 401);
    const sessionHash = createHash('sha256')
      .update(decodeURIComponent(cookie.split('=')[1]!))
      .digest('hex');
    await waitFor('the revocation', async () => revocations.length > 0);
    t.same(revocations.map(parseRevocation), [{ sessionHash }], 'open streams of that session are told to end');
  });

  t.test('a malformed session cookie is answered 401, like a forged one', async (t) => {
    for (const cookie of ['omni_session=%E0%A4%A', 'omni_session=%', 'omni_session', '=;;=', 'omni_session="x']) {
      const response = await app.inject({ method: 'GET', url: '/api/conversations', headers: { cookie } });
      t.equal(response.statusCode, 401, cookie);
      t.equal(response.json().error.code, 'OMNI_ERR_AUTH_REQUIRED');
    }
    const logout = await app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { cookie: 'omni_session=%E0%A4%A' },
      payload: {},
    });
    t.equal(logout.statusCode, 401);
  });

  t.test('omni user create refuses a missing or short password and a malformed email', async (t) => {
    const base = { email: 'new@example.com', name: 'New', role: 'agent' as const };
    await t.rejects(createUser(sql, base, {}), /OMNI_USER_PASSWORD/);
    await t.rejects(createUser(sql, { ...base, password: 'short' }), /at least 12/);
    await t.rejects(createUser(sql, { ...base, email: 'not-an-email', password: AGENT_PASSWORD }), /email address/);
    const agent = await createUser(sql, base, { OMNI_USER_PASSWORD: AGENT_PASSWORD });
    t.equal(agent.email, 'new@example.com', 'the password may come from OMNI_USER_PASSWORD');
  });

  t.test('webhooks stay signature-only: no session or token is asked of them', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/webhook/whatsapp',
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
    t.equal(response.json().error.code, 'OMNI_ERR_WEBHOOK_SIGNATURE_MISSING');
  });
});
