import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { createTestApp } from '../helpers/app.js';
import { AGENT_PASSWORD, createTestAgent } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

/** A login attempt from one client address. */
function loginFrom(app: FastifyInstance) {
  return (email: string, password: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/login', payload: { email, password }, remoteAddress });
}

t.test('login rate limits', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });

  const login = loginFrom(app);

  t.test('of 30 parallel wrong passwords for one account, the ones past the limit answer 429', async (t) => {
    await createTestAgent(sql, 'parallel@example.com');
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => login('parallel@example.com', 'wrong password!', '10.1.0.1')),
    );
    const limited = answers.filter((answer) => answer.statusCode === 429).length;
    t.ok(limited >= 15, `${limited} of 30 answered 429`);
    t.equal(answers.length - limited, 10, 'exactly the limit had their password checked');
  });

  t.test('kİm@example.com is locked out together with kim@example.com', async (t) => {
    await createTestAgent(sql, 'kim@example.com');
    for (let i = 0; i < 10; i++) {
      t.equal((await login('kim@example.com', 'wrong password!', '10.2.0.1')).statusCode, 401);
    }
    const dotted = await login('kİm@example.com', AGENT_PASSWORD, '10.2.0.1');
    t.equal(dotted.statusCode, 429, 'the spelling PostgreSQL lowercases to the same email shares its limit');
    t.equal((await login('KIM@example.com', AGENT_PASSWORD, '10.2.0.1')).statusCode, 429);
  });

  t.test("a stranger's IP failing 10 times for an agent does not lock the agent out from another IP", async (t) => {
    await createTestAgent(sql, 'named@example.com');
    for (let i = 0; i < 10; i++) await login('named@example.com', 'wrong password!', '10.3.0.66');
    t.equal((await login('named@example.com', AGENT_PASSWORD, '10.3.0.66')).statusCode, 429, 'the stranger is');
    const agent = await login('named@example.com', AGENT_PASSWORD, '10.3.0.7');
    t.equal(agent.statusCode, 200, 'the agent, from their own address, is not');
  });
});

t.test('login rate limits, made small', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, auth: { loginLimit: { max: 2, ipMax: 4, windowMs: 60_000 } } });
  const login = loginFrom(app);

  t.test('a right password gives its place back, so logging in often never locks an agent out', async (t) => {
    await createTestAgent(sql, 'often@example.com');
    for (let i = 0; i < 3; i++) {
      t.equal((await login('often@example.com', AGENT_PASSWORD, '10.4.0.1')).statusCode, 200);
    }
  });

  t.test('one IP guessing many accounts is stopped at the higher per-address limit', async (t) => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await login(`guess${i}@example.com`, 'x', '10.5.0.1')).statusCode);
    t.same(answers, [401, 401, 401, 401, 429], 'four different emails are each tried once, the fifth is refused');
    t.equal((await login('guess0@example.com', 'x', '10.5.0.2')).statusCode, 401, 'another address is not');
  });
});
