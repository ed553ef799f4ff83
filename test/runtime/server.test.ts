import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { startServer } from '../../src/runtime/server.js';
import { platformHeaders, silentLogger, TEST_SECRETS } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';

t.test('omni serve with an embedded queue stores, queues and processes a webhook, then stops cleanly', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const config = loadConfig({
    DATABASE_URL: url,
    PORT: '0',
    TELEGRAM_WEBHOOK_SECRET: TEST_SECRETS.telegram!.secretToken,
    WORKER_RETRY_BASE_SECONDS: '0',
  });
  const server = await startServer(config, silentLogger);
  let stopped = false;
  t.teardown(() => (stopped ? undefined : server.stop()));
  const received = new Promise((resolve) => server.bus.once('message.received', resolve));

  const payload = JSON.stringify(loadFixture('telegram', 'telegram-text-entities').body);
  const response = await fetch(`${server.url}/webhook/telegram`, {
    method: 'POST',
    headers: platformHeaders('telegram', payload),
    body: payload,
  });
  t.equal(response.status, 200);
  t.match(await received, { platform: 'telegram', kind: 'message' });
  const [row] = await sql`select q.status from queue_logs q`;
  t.equal(row.status, 'processed');
  const disabled = await fetch(`${server.url}/webhook/whatsapp`, { method: 'POST', body: '{}' });
  t.equal(disabled.status, 404, 'a platform without a secret is disabled');

  await server.stop();
  stopped = true;
  await t.rejects(fetch(`${server.url}/healthz`), 'no longer listening');
});
