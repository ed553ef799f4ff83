import { createHash } from 'node:crypto';
import t from 'tap';
import { createTestApp, platformHeaders, postWebhook, TEST_SECRETS } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import { createTestQueue } from '../helpers/queue.js';

const whatsapp = loadFixture('whatsapp', 'whatsapp-text-basic').body;

t.test('webhook rejections', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, {
    sql,
    queue,
    platforms: { whatsapp: TEST_SECRETS.whatsapp, telegram: TEST_SECRETS.telegram },
    bodyLimit: 4096,
  });

  const messageCount = async () => (await sql`select count(*)::int as n from messages`)[0].n;
  const lastLog = async () => (await sql`select * from webhook_logs order by id desc limit 1`)[0];

  t.test('rejects a POST with a bad signature with 401 and audits it with the verdict', async (t) => {
    const payload = JSON.stringify(whatsapp);
    const response = await app.inject({
      method: 'POST',
      url: '/webhook/whatsapp',
      payload,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
    });
    t.equal(response.statusCode, 401);
    t.equal(response.json().error.code, 'OMNI_ERR_WEBHOOK_SIGNATURE_INVALID');
    const log = await lastLog();
    t.equal(log.signature, 'invalid');
    t.equal(log.status_code, 401);
    t.equal(log.headers['x-hub-signature-256'], '[redacted]', 'the signature is not stored');
    t.equal(Buffer.from(log.raw_body).toString(), payload, 'the raw bytes (up to 4 KiB) are kept for audit');
    t.equal(log.body_length, Buffer.byteLength(payload), 'with the whole body’s length');
    t.equal(log.body_sha256, createHash('sha256').update(payload).digest('hex'), 'and sha256');
    t.equal(await messageCount(), 0);
  });

  t.test('an unverified request keeps a few of its headers, each cut short, whatever it sent', async (t) => {
    const long = 'x'.repeat(1000);
    const sent: Record<string, string> = { 'content-type': 'application/json', 'user-agent': long };
    for (let i = 0; i < 12; i++) sent[`x-padding-${i}`] = long;
    const response = await app.inject({
      method: 'POST',
      url: '/webhook/whatsapp',
      payload: JSON.stringify(whatsapp),
      headers: { ...sent, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}`, 'x-forwarded-for': long },
    });
    t.equal(response.statusCode, 401);
    const log = await lastLog();
    t.same(Object.keys(log.headers).sort(), [
      'content-length',
      'content-type',
      'user-agent',
      'x-forwarded-for',
      'x-hub-signature-256',
    ]);
    t.equal(log.headers['user-agent'], long.slice(0, 256), 'each value cut to 256 characters');
    t.equal(log.headers['x-forwarded-for'].length, 256);
    t.equal(log.headers['x-hub-signature-256'], '[redacted]', 'the signature is still not stored');
    t.ok(JSON.stringify(log.headers).length < 1024, 'the stored headers stay small, for 14 KiB sent');
  });

  t.test('rejects a POST without a signature with 401', async (t) => {
    const response = await app.inject({ method: 'POST', url: '/webhook/whatsapp', payload: JSON.stringify(whatsapp) });
    t.equal(response.statusCode, 401);
    t.equal(response.json().error.code, 'OMNI_ERR_WEBHOOK_SIGNATURE_MISSING');
    t.equal((await lastLog()).signature, 'missing');
  });

  t.test('rejects a Telegram update with the wrong secret token with 401', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/webhook/telegram',
      payload: { update_id: 1 },
      headers: { 'x-telegram-bot-api-secret-token': 'wrong' },
    });
    t.equal(response.statusCode, 401);
    t.equal((await lastLog()).headers['x-telegram-bot-api-secret-token'], '[redacted]');
  });

  t.test('answers 404 for an unknown platform, without an audit row', async (t) => {
    const before = (await sql`select count(*)::int as n from webhook_logs`)[0].n;
    const response = await app.inject({ method: 'POST', url: '/webhook/myspace', payload: {} });
    t.equal(response.statusCode, 404);
    t.equal(response.json().error.code, 'OMNI_ERR_WEBHOOK_PLATFORM_UNKNOWN');
    t.equal((await sql`select count(*)::int as n from webhook_logs`)[0].n, before);
  });

  t.test('answers 404 for a platform whose secret is not configured', async (t) => {
    const response = await postWebhook(app, 'messenger', { object: 'page', entry: [] });
    t.equal(response.statusCode, 404);
  });

  t.test('rejects a signed body that is not JSON with 400', async (t) => {
    const payload = '{"object": "whatsapp_business_account", ';
    const response = await app.inject({
      method: 'POST',
      url: '/webhook/whatsapp',
      payload,
      headers: platformHeaders('whatsapp', payload),
    });
    t.equal(response.statusCode, 400);
    t.equal(response.json().error.code, 'OMNI_ERR_WEBHOOK_BODY_MALFORMED');
    const log = await lastLog();
    t.equal(log.status_code, 400);
    t.equal(log.signature, 'valid');
    t.equal(Buffer.from(log.raw_body).toString(), payload, 'a verified body is kept whole');
    t.equal(log.body_length, null);
    t.equal(log.headers.host, 'localhost:80', 'and its headers are kept whole');
    t.equal(await messageCount(), 0);
  });

  t.test('rejects a signed JSON body that is no webhook envelope with 400', async (t) => {
    for (const payload of ['[1,2,3]', '"text"', '{"hello":"world"}']) {
      const response = await app.inject({
        method: 'POST',
        url: '/webhook/whatsapp',
        payload,
        headers: platformHeaders('whatsapp', payload),
      });
      t.equal(response.statusCode, 400, payload);
    }
    t.equal(await messageCount(), 0);
  });

  t.test('rejects a body over the limit with 413 and audits it', async (t) => {
    const payload = JSON.stringify({ object: 'whatsapp_business_account', padding: 'x'.repeat(5000) });
    const response = await app.inject({
      method: 'POST',
      url: '/webhook/whatsapp',
      payload,
      headers: platformHeaders('whatsapp', payload),
    });
    t.equal(response.statusCode, 413);
    t.equal(response.json().error.code, 'OMNI_ERR_WEBHOOK_BODY_TOO_LARGE');
    const log = await lastLog();
    t.equal(log.status_code, 413);
    t.equal(log.signature, 'not_checked');
    t.equal(log.headers.host, undefined, 'never verified: only a few headers kept');
    t.equal(await messageCount(), 0);
  });

  t.test('answers the Meta handshake with the challenge as text, and 403 on a wrong token', async (t) => {
    const ok = await app.inject({
      method: 'GET',
      url: '/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=wa-verify&hub.challenge=1158201444',
    });
    t.equal(ok.statusCode, 200);
    t.equal(ok.body, '1158201444');
    t.match(ok.headers['content-type'], /^text\/plain/);
    const wrong = await app.inject({
      method: 'GET',
      url: '/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1',
    });
    t.equal(wrong.statusCode, 403);
    t.equal(wrong.json().error.code, 'OMNI_ERR_WEBHOOK_HANDSHAKE_REJECTED');
  });
});
