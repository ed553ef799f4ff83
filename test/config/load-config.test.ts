import { readFileSync } from 'node:fs';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { VARIABLES } from '../../src/config/variables.js';

t.test('uses the documented defaults with an empty environment', async (t) => {
  const config = loadConfig({});
  t.equal(config.port, 3000);
  t.equal(config.host, '127.0.0.1');
  t.same(config.platforms, { whatsapp: undefined, messenger: undefined, instagram: undefined, telegram: undefined });
});

t.test('enables a platform only with its secret', async (t) => {
  const config = loadConfig({ WHATSAPP_APP_SECRET: 's', WHATSAPP_VERIFY_TOKEN: 'v', TELEGRAM_WEBHOOK_SECRET: 'tg' });
  t.same(config.platforms.whatsapp, { appSecret: 's', verifyToken: 'v' });
  t.same(config.platforms.telegram, { secretToken: 'tg' });
  t.equal(config.platforms.messenger, undefined);
});

t.test('reads the subscribed endpoints\' delivery settings, with defaults', async (t) => {
  t.same(loadConfig({}).endpoints, { timeoutMs: 10_000, disableAfterFailures: 20, privateHosts: [] });
  const config = loadConfig({ ENDPOINT_TIMEOUT_MS: '2500', ENDPOINT_DISABLE_AFTER_FAILURES: '3', ENDPOINT_PRIVATE_HOSTS: 'hooks.internal, 10.0.0.5:8080,' });
  t.same(config.endpoints, { timeoutMs: 2500, disableAfterFailures: 3, privateHosts: ['hooks.internal', '10.0.0.5:8080'] });
});

t.test('names the variable in every error', async (t) => {
  t.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be/);
  t.throws(() => loadConfig({ DATABASE_URL: 'not a url' }), /DATABASE_URL must be a URL/);
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL must be one of/);
  t.throws(() => loadConfig({ MESSENGER_APP_SECRET: 's' }), /MESSENGER_VERIFY_TOKEN is required/);
  t.throws(() => loadConfig({ MESSAGE_QUEUE_URL: 'http://localhost:1/q' }), /DEAD_LETTER_QUEUE_URL is required/);
  t.throws(() => loadConfig({ ENDPOINT_DISABLE_AFTER_FAILURES: '0' }), /ENDPOINT_DISABLE_AFTER_FAILURES must be at least 1/);
});

t.test('.env.example documents every variable the config reads', async (t) => {
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
  t.same(documented, VARIABLES.map((v) => v.name).sort());
});
