import t from 'tap';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

t.test('keeps an update it does not understand, counts it, and serves the counters at /metrics', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  const update = { update_id: 777, some_future_update: { id: 1, note: 'from a newer Bot API' } };
  const response = await postWebhook(app, 'telegram', update);
  t.equal(response.statusCode, 200);
  const [row] = await sql`select kind, type, raw from messages where platform = 'telegram'`;
  t.match(row, { kind: 'event', type: 'unknown' }, 'stored, not dropped');
  t.match(JSON.stringify(row.raw), /from a newer Bot API/, 'with its raw JSON');
  await app.inject({ method: 'POST', url: '/webhook/telegram', payload: '{}' });
  const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  t.match(metrics, /omni_items_unrecognised_total\{platform="telegram"\} 1/);
  t.match(metrics, /omni_webhooks_total\{platform="telegram",status="200"\} 1/);
  t.match(metrics, /omni_webhooks_total\{platform="telegram",status="401"\} 1/);
});

t.test('with METRICS_TOKEN, /metrics answers 401 unless the request carries it as a bearer token', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, metricsToken: 'scrape-me' });
  const scrape = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/metrics', headers });
  const wrong: Record<string, string>[] = [
    {},
    { authorization: 'Bearer scrape-you' },
    { authorization: 'Bearer scrape-me-too' },
    { authorization: 'scrape-me' },
  ];
  for (const headers of wrong) {
    const refused = await scrape(headers);
    t.equal(refused.statusCode, 401, JSON.stringify(headers));
    t.same(refused.json(), {
      error: { code: 'OMNI_ERR_METRICS_TOKEN_REQUIRED', message: 'The METRICS_TOKEN bearer token is required' },
    });
  }
  const scraped = await scrape({ authorization: 'Bearer scrape-me' });
  t.equal(scraped.statusCode, 200);
  t.match(scraped.headers['content-type'], /^text\/plain/);
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'the health check stays open');
});
