import t, { type Test } from 'tap';
import { createSql, type SqlPool } from '../../src/store/database.js';
import { revokeApiToken } from '../../src/store/api-tokens.js';
import { announceRevocation } from '../../src/store/revocations.js';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { openEventStream } from '../helpers/event-stream.js';
import { createTestQueue } from '../helpers/queue.js';

/** A served app with live events; `open` starts a stream with these headers and checks it was admitted. */
async function servedApp(t: Test, options: { sessionTtlMs?: number } = {}) {
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const auth = options.sessionTtlMs === undefined ? undefined : { sessionTtlMs: options.sessionTtlMs };
  const { app } = await createTestApp(t, { sql, queue, liveEvents: true, auth });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const open = async (headers: Record<string, string>) => {
    const stream = await openEventStream(t, `${address}/api/events`, headers);
    t.equal(stream.response.statusCode, 200, 'the stream opens');
    return stream;
  };
  return { sql, url, queue, app, open };
}

async function tokenIdOf(sql: SqlPool, name: string): Promise<number> {
  const [row] = await sql<{ id: string }[]>`select id from api_tokens where name = ${name} and revoked_at is null`;
  return Number(row!.id);
}

t.test('after logout, an open event stream ends and gets no further events', async (t) => {
  const { sql, app, open } = await servedApp(t);
  await createTestAgent(sql);
  const cookie = await loginCookie(app);
  const stream = await open({ cookie });

  const logout = await app.inject({ method: 'POST', url: '/api/logout', headers: { cookie }, payload: {} });
  t.equal(logout.statusCode, 204);
  await stream.ended;
  t.pass('the stream ended with its session');
});

t.test("revoking an API token ends that token's stream, and only its", async (t) => {
  const { sql, open } = await servedApp(t);
  const revoked = await bearerHeaders(sql, 'revoked');
  const kept = await bearerHeaders(sql, 'kept');
  const doomed = await open({ authorization: revoked.authorization });
  const survivor = await open({ authorization: kept.authorization });

  const tokenId = await tokenIdOf(sql, 'revoked');
  await revokeApiToken(sql, 'revoked');
  await announceRevocation(sql, { tokenId });
  await doomed.ended;
  t.notOk(survivor.response.complete, "the other token's stream stays open");
});

t.test("disabling an agent ends every stream of the agent's sessions", async (t) => {
  const { sql, app, open } = await servedApp(t);
  const agent = await createTestAgent(sql);
  const first = await open({ cookie: await loginCookie(app) });
  const second = await open({ cookie: await loginCookie(app) });

  await sql`update agents set disabled_at = now() where id = ${agent.id}`;
  await announceRevocation(sql, { agentId: agent.id });
  await Promise.all([first.ended, second.ended]);
  t.pass("both sessions' streams ended");
});

t.test('a session stream ends when its session expires', async (t) => {
  // Long enough to log in and open the stream on a busy machine; the test waits for the end, not the clock.
  const { sql, app, open } = await servedApp(t, { sessionTtlMs: 3000 });
  await createTestAgent(sql);
  const stream = await open({ cookie: await loginCookie(app) });
  await stream.ended;
  t.pass("the stream ended at its session's expiry");
});

t.test('a revocation announced by another server ends the stream on this one', async (t) => {
  const { sql, url, queue, app, open } = await servedApp(t);
  await createTestAgent(sql);
  const cookie = await loginCookie(app);
  const stream = await open({ cookie });

  const otherPool = createSql(url, { max: 2 });
  t.teardown(() => otherPool.end({ timeout: 5 }));
  const other = await createTestApp(t, { sql: otherPool, queue, liveEvents: true });
  const logout = await other.app.inject({ method: 'POST', url: '/api/logout', headers: { cookie }, payload: {} });
  t.equal(logout.statusCode, 204, 'logged out on the other server');
  await stream.ended;
  t.pass('the stream on the first server ended');
});
