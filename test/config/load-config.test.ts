import { readFileSync } from 'node:fs';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { VARIABLES } from '../../src/config/variables.js';

t.test('uses the documented defaults with an empty environment', async (t) => {
  const config = loadConfig({});
  t.equal(config.port, 3000);
  t.equal(config.host, '127.0.0.1');
  t.equal(config.webhookBodyLimit, 4 * 1024 * 1024, "Meta's documented 3 MB, with room");
  t.throws(() => loadConfig({ WEBHOOK_BODY_LIMIT: '0' }), /WEBHOOK_BODY_LIMIT must be at least 1/);
  t.same(config.platforms, { whatsapp: undefined, messenger: undefined, instagram: undefined, telegram: undefined });
});

t.test(
  "reads platform API access and media settings, with Meta's and Telegram's own endpoints by default",
  async (t) => {
    const defaults = loadConfig({ OMNI_DATA_DIR: '/var/omni' });
    t.same(defaults.graphApi, { baseUrl: 'https://graph.facebook.com', version: 'v27.0' });
    t.same(defaults.telegramApi, { baseUrl: 'https://api.telegram.org' });
    t.same(defaults.platformTokens, {
      whatsapp: undefined,
      messenger: undefined,
      instagram: undefined,
      telegram: undefined,
    });
    t.same(defaults.media, {
      extraAllowedHosts: [],
      privateHosts: [],
      maxBytes: undefined,
      uploadMaxBytes: 100 * 1024 * 1024,
      uploadTimeoutMs: 600_000,
      dir: '/var/omni/media',
      s3Bucket: undefined,
      s3Endpoint: undefined,
    });
    const set = loadConfig({
      WHATSAPP_ACCESS_TOKEN: 'EAAG',
      TELEGRAM_BOT_TOKEN: '123:abc',
      MEDIA_ALLOWED_HOSTS: 'cdn.example.com, *.example.net',
      MEDIA_PRIVATE_HOSTS: '127.0.0.1:8080',
      MEDIA_MAX_BYTES: '1000',
      MEDIA_S3_BUCKET: 'omni-media',
      UPLOAD_MAX_BYTES: '5000',
      UPLOAD_TIMEOUT_MS: '120000',
    });
    t.same(set.platformTokens, { whatsapp: 'EAAG', messenger: undefined, instagram: undefined, telegram: '123:abc' });
    t.same(set.media.extraAllowedHosts, ['cdn.example.com', '*.example.net']);
    t.same(set.media.privateHosts, ['127.0.0.1:8080']);
    t.equal(set.media.maxBytes, 1000);
    t.equal(set.media.s3Bucket, 'omni-media');
    t.equal(set.media.uploadMaxBytes, 5000);
    t.equal(set.media.uploadTimeoutMs, 120_000);
    t.throws(() => loadConfig({ MEDIA_MAX_BYTES: 'lots' }), /MEDIA_MAX_BYTES must be/);
    t.throws(() => loadConfig({ UPLOAD_MAX_BYTES: '0' }), /UPLOAD_MAX_BYTES must be at least 1/);
    t.throws(() => loadConfig({ UPLOAD_TIMEOUT_MS: '0' }), /UPLOAD_TIMEOUT_MS must be at least 1/);
  },
);

t.test('an unset variable takes the default its spec gives, and that default passes its own checks', async (t) => {
  const unset = loadConfig({});
  const defaulted = VARIABLES.filter((spec) => spec.default !== undefined);
  t.ok(defaulted.length > 0, 'some variables have defaults');
  for (const spec of defaulted) {
    t.same(loadConfig({ [spec.name]: String(spec.default) }), unset, `${spec.name}=${spec.default} changes nothing`);
  }
});

t.test('a variable below the minimum its spec gives is refused, naming it; the minimum itself is taken', async (t) => {
  const bounded = VARIABLES.filter((spec) => spec.min !== undefined);
  t.ok(bounded.length > 0, 'some variables have minimums');
  for (const { name, min = 0 } of bounded) {
    t.throws(() => loadConfig({ [name]: String(min - 1) }), new RegExp(`^${name} must be at least ${min}$`));
    t.doesNotThrow(() => loadConfig({ [name]: String(min) }), `${name}=${min} is taken`);
  }
});

t.test('enables a platform only with its secret', async (t) => {
  const config = loadConfig({ WHATSAPP_APP_SECRET: 's', WHATSAPP_VERIFY_TOKEN: 'v', TELEGRAM_WEBHOOK_SECRET: 'tg' });
  t.same(config.platforms.whatsapp, { appSecret: 's', verifyToken: 'v' });
  t.same(config.platforms.telegram, { secretToken: 'tg' });
  t.equal(config.platforms.messenger, undefined);
});

t.test("reads the subscribed endpoints' delivery settings, with defaults", async (t) => {
  t.same(loadConfig({}).endpoints, { timeoutMs: 10_000, disableAfterFailures: 20, privateHosts: [] });
  const config = loadConfig({
    ENDPOINT_TIMEOUT_MS: '2500',
    ENDPOINT_DISABLE_AFTER_FAILURES: '3',
    ENDPOINT_PRIVATE_HOSTS: 'hooks.internal, 10.0.0.5:8080,',
  });
  t.same(config.endpoints, {
    timeoutMs: 2500,
    disableAfterFailures: 3,
    privateHosts: ['hooks.internal', '10.0.0.5:8080'],
  });
});

t.test('keeps raw webhook bodies 30 days unless WEBHOOK_LOG_RETENTION_DAYS says otherwise', async (t) => {
  t.same(loadConfig({}).retention, { webhookLogDays: 30 });
  t.same(loadConfig({ WEBHOOK_LOG_RETENTION_DAYS: '0' }).retention, { webhookLogDays: 0 }, '0: none past the hour');
  t.throws(
    () => loadConfig({ WEBHOOK_LOG_RETENTION_DAYS: 'a month' }),
    /WEBHOOK_LOG_RETENTION_DAYS must be a non-negative integer/,
  );
});

t.test(
  'reads TRUST_PROXY as a hop count or a list of proxies, and refuses anything that believes every sender',
  async (t) => {
    t.same(loadConfig({}).http, { trustProxy: undefined, metricsToken: undefined }, 'unset: no proxy, /metrics open');
    t.equal(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy, 1);
    t.same(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7 ,::1,fd00::/8,uniquelocal' }).http.trustProxy, [
      '10.0.0.0/8',
      '192.168.1.7',
      '::1',
      'fd00::/8',
      'uniquelocal',
    ]);
    for (const wrong of ['true', '10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/1', ',']) {
      t.throws(() => loadConfig({ TRUST_PROXY: wrong }), /TRUST_PROXY must be a hop count or a comma list/, wrong);
    }
    t.equal(loadConfig({ METRICS_TOKEN: 'scrape-me' }).http.metricsToken, 'scrape-me');
  },
);

t.test('names the variable in every error', async (t) => {
  t.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be/);
  t.throws(() => loadConfig({ DATABASE_URL: 'not a url' }), /DATABASE_URL must be a URL/);
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL must be one of/);
  t.throws(() => loadConfig({ MESSENGER_APP_SECRET: 's' }), /MESSENGER_VERIFY_TOKEN is required/);
  t.throws(() => loadConfig({ MESSAGE_QUEUE_URL: 'http://localhost:1/q' }), /DEAD_LETTER_QUEUE_URL is required/);
  t.throws(
    () => loadConfig({ ENDPOINT_DISABLE_AFTER_FAILURES: '0' }),
    /ENDPOINT_DISABLE_AFTER_FAILURES must be at least 1/,
  );
});

t.test('.env.example documents every variable the config reads', async (t) => {
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
  t.same(documented, VARIABLES.map((v) => v.name).sort());
});
