import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import t from 'tap';
import { createTestApp, platformHeaders, postWebhook, TEST_SECRETS } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';

const secret = TEST_SECRETS.whatsapp!.appSecret;
const hmac = (bytes: string | Buffer) => createHmac('sha256', secret).update(bytes).digest('hex');

t.test('the bad-input matrix: each answer, its audit row, and nothing else written', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const lines: string[] = [];
  const logger = pino(
    { level: 'trace' },
    new Writable({
      write: (chunk, _e, done) => {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    }),
  );
  const { app } = await createTestApp(t, { sql, queue, logger, bodyLimit: 4 * 1024 * 1024, requestTimeoutMs: 300 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;

  const counts = async () =>
    (
      await sql`select (select count(*) from messages)::int as messages, (select count(*) from webhook_logs)::int as logs`
    )[0];
  const lastLog = async () =>
    (await sql`select status_code, signature, error, raw_body from webhook_logs order by id desc limit 1`)[0];
  const post = (payload: string | Buffer, headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/webhook/whatsapp',
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const body = JSON.stringify(whatsAppTextBody('wamid.BAD', 1750002000));

  const refusals: [string, Record<string, string>][] = [
    ['a sha1= signature', { 'x-hub-signature-256': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}` }],
    ['an uppercase signature', { 'x-hub-signature-256': `sha256=${hmac(body).toUpperCase()}` }],
    ['an uppercase prefix', { 'x-hub-signature-256': `SHA256=${hmac(body)}` }],
    ['a wrong-length signature', { 'x-hub-signature-256': `sha256=${hmac(body).slice(0, 62)}` }],
    ['a signature with trailing bytes', { 'x-hub-signature-256': `sha256=${hmac(body)}00` }],
  ];
  for (const [what, headers] of refusals) {
    const before = await counts();
    const response = await post(body, headers);
    t.equal(response.statusCode, 401, `${what}: 401`);
    t.match(await lastLog(), { status_code: 401, signature: 'invalid' }, `${what}: audited`);
    t.same(await counts(), { messages: before.messages, logs: before.logs + 1 }, `${what}: nothing else written`);
  }

  t.test('verifies é, Arabic, emoji and \\/ escapes over the bytes exactly as sent', async (t) => {
    const text = 'café مرحبا 👋 a/b';
    const raw = Buffer.from(
      JSON.stringify(whatsAppTextBody('wamid.UTF8', 1750002001, text))
        .replace('a/b', 'a\\/b')
        .replace('é', '\\u00e9'),
    );
    const response = await post(raw, { 'x-hub-signature-256': `sha256=${hmac(raw)}` });
    t.equal(response.statusCode, 200);
    const [row] = await sql`select text from messages where subject_external_id = 'wamid.UTF8'`;
    t.equal(row.text, text);
    const [log] = await sql`select raw_body from webhook_logs order by id desc limit 1`;
    t.ok(Buffer.from(log.raw_body).equals(raw), 'the audit row keeps the exact bytes');
  });

  const malformed: [string, string, RegExp][] = [
    ['malformed JSON', '{"object":"whatsapp_business_account","entry":[{', /not JSON/],
    ['deep nesting', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, /nests deeper/],
    ['a huge key count', `{${'"k":1,'.repeat(500_000)}"k":1}`, /more than 400000 keys/],
  ];
  for (const [what, payload, reason] of malformed) {
    t.test(`keeps ${what} with a valid signature in webhook_logs and answers 400`, async (t) => {
      const before = await counts();
      const started = performance.now();
      const response = await post(payload, platformHeaders('whatsapp', payload));
      t.equal(response.statusCode, 400);
      t.comment(`${what}: answered in ${(performance.now() - started).toFixed(1)} ms`);
      const log = await lastLog();
      t.match(log, { status_code: 400, signature: 'valid', error: reason });
      t.equal(Buffer.from(log.raw_body).toString(), payload, 'the body is never lost');
      t.same(await counts(), { messages: before.messages, logs: before.logs + 1 });
    });
  }

  t.test(
    'stores a text with a \\u0000 escape (which PostgreSQL cannot hold) with U+FFFD in its place, and keeps the exact bytes',
    async (t) => {
      const raw = JSON.stringify(whatsAppTextBody('wamid.NUL', 1750002004, 'before\u0000after'));
      t.match(raw, /before\\u0000after/, 'the escape is in the bytes sent');
      const response = await post(raw, platformHeaders('whatsapp', raw));
      t.equal(response.statusCode, 200);
      const [row] = await sql`select text from messages where subject_external_id = 'wamid.NUL'`;
      t.equal(row.text, 'before\uFFFDafter');
      const [log] = await sql`select raw_body from webhook_logs order by id desc limit 1`;
      t.equal(Buffer.from(log.raw_body).toString(), raw);
    },
  );

  t.test('parses __proto__ and constructor keys without touching any prototype', async (t) => {
    const raw = JSON.stringify(whatsAppTextBody('wamid.PROTO', 1750002002)).replace(
      '"messaging_product"',
      '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"messaging_product"',
    );
    const response = await post(raw, platformHeaders('whatsapp', raw));
    t.equal(response.statusCode, 200);
    t.equal(({} as Record<string, unknown>).polluted, undefined);
    t.equal((await sql`select count(*)::int as n from messages where subject_external_id = 'wamid.PROTO'`)[0].n, 1);
  });

  t.test('answers a body that trickles in too slowly with 408 instead of holding the socket', async (t) => {
    const socket = connect(port, '127.0.0.1');
    socket.write(
      `POST /webhook/whatsapp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"object":`,
    );
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('close', () => resolve(text));
    });
    t.match(answer, /^HTTP\/1\.1 408/);
  });

  t.test('log lines stay one JSON object each and never carry secrets, phone numbers or message text', async (t) => {
    await app.inject({ method: 'POST', url: '/webhook/what%0d%0aevil%1b[31m', payload: '{}' });
    await app.inject({
      method: 'POST',
      url: '/webhook/whatsapp',
      payload: body,
      headers: { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
    });
    await postWebhook(app, 'whatsapp', whatsAppTextBody('wamid.LOGS', 1750002003, 'my secret message'));
    t.ok(lines.length > 0, 'something was logged');
    for (const line of lines) t.doesNotThrow(() => JSON.parse(line), 'a whole JSON line');
    const all = lines.join('\n');
    for (const leak of [secret, hmac(body), '16505551234', 'my secret message', TEST_SECRETS.telegram!.secretToken]) {
      t.notOk(all.includes(leak), `the log does not contain ${leak.slice(0, 6)}…`);
    }
  });
});
