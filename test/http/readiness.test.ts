import t from 'tap';
import { createSqsClient } from '../../src/queue/sqs-client.js';
import { createSql } from '../../src/store/database.js';
import { createTestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { startTcpProxy, throughProxy } from '../helpers/tcp-proxy.js';
import { waitFor } from '../helpers/wait-for.js';

t.test('/readyz answers 503 naming the database while PostgreSQL is unreachable; /healthz stays 200', async (t) => {
  const { url } = await createTestDatabase(t);
  const target = new URL(url);
  const proxy = await startTcpProxy(target.hostname, Number(target.port));
  const sql = createSql(throughProxy(url, proxy), { max: 2 });
  t.teardown(async () => {
    await sql.end({ timeout: 1 });
    await proxy.close();
  });
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, platforms: {} });

  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 200);
  t.same(ready.json(), { ready: true, checks: { database: { ok: true }, queue: { ok: true } } });

  await proxy.cut();
  const down = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(down.statusCode, 503);
  t.match(down.json(), { ready: false, checks: { database: { ok: false, error: String }, queue: { ok: true } } });
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'liveness does not depend on it');

  await proxy.restore();
  await waitFor('ready again', async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode === 200);
});

t.test('/readyz answers 503 naming the queue while SQS is unreachable', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const target = new URL(queue.endpoint);
  const proxy = await startTcpProxy(target.hostname, Number(target.port));
  const sqs = createSqsClient({ region: 'us-east-1', endpoint: throughProxy(queue.endpoint, proxy) });
  t.teardown(async () => {
    sqs.destroy();
    await proxy.close();
  });
  const { app } = await createTestApp(t, { sql, queue, sqs, platforms: {} });
  t.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);

  await proxy.cut();
  const down = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(down.statusCode, 503);
  t.match(down.json(), { ready: false, checks: { database: { ok: true }, queue: { ok: false, error: String } } });
});
