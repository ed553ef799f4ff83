// The packaged webhook Lambda (deploy/webhook, bundled by webpack) invoked with recorded API Gateway
// events, against the real PostgreSQL and the SQS emulator.
import type { Context } from 'aws-lambda';
import t from 'tap';
import type { ApiGatewayEvent, ApiGatewayResult } from '../../src/lambda/webhook-handler.js';
import { META_SIGNATURE_HEADER, signMetaPayload } from '../../src/platforms/meta/signature.js';
import { TEST_SECRETS } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import {
  httpApiEvent,
  loadBundle,
  restApiEvent,
  setLambdaEnvironment,
  type HttpRequest,
} from '../helpers/lambda-events.js';
import { unpackService } from '../helpers/lambda-package.js';
import { createTestQueue } from '../helpers/queue.js';

// Packaging with webpack when no other test file has done it yet.
t.setTimeout(300_000);

const { sql, url } = await createTestDatabase(t);
const queue = await createTestQueue(t);
const taskRoot = await unpackService(t, 'webhook');
setLambdaEnvironment(url, queue, taskRoot);
const bundle = loadBundle<(event: ApiGatewayEvent, context: Context) => Promise<ApiGatewayResult>>(
  taskRoot,
  'webhook.js',
);
t.teardown(() => bundle.close?.());

const context = { functionName: 'omni-webhook', awsRequestId: 'test' } as Context;
const invoke = (event: ApiGatewayEvent) => bundle.handler(event, context);

let sequence = 0;
/** A WhatsApp webhook as Meta sends it, with a fresh message id and text that is not plain ASCII. */
function whatsappBytes(): { bytes: Buffer; id: string } {
  const body = structuredClone(loadFixture('whatsapp', 'whatsapp-text-basic').body) as any;
  const id = `wamid.LAMBDA${++sequence}`;
  body.entry[0].changes[0].value.messages[0].id = id;
  body.entry[0].changes[0].value.messages[0].text.body = 'Olá — “quoted” 👋';
  // Meta's own spacing, not JSON.stringify's: a body re-serialised after parsing would not verify.
  return { bytes: Buffer.from(JSON.stringify(body, null, 1).replace(/\//g, '\\/')), id };
}

function signed(bytes: Buffer, secret = TEST_SECRETS.whatsapp!.appSecret): Record<string, string> {
  return { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signMetaPayload(secret, bytes) };
}

const formats = [
  { name: 'REST API (payload 1.0)', event: restApiEvent },
  { name: 'HTTP API (payload 2.0)', event: httpApiEvent },
] as const;

for (const format of formats) {
  for (const base64 of [false, true]) {
    const body = base64 ? 'a base64-encoded body' : 'a plain body';

    t.test(`${format.name}, ${body}: a valid signature is stored byte for byte and queued`, async (t) => {
      const { bytes, id } = whatsappBytes();
      const request: HttpRequest = {
        method: 'POST',
        path: '/webhook/whatsapp',
        headers: signed(bytes),
        body: bytes,
        base64,
      };
      const result = await invoke(format.event(request));
      t.equal(result.statusCode, 200, result.body);
      t.match(JSON.parse(result.body), { ok: true, stored: 1 });
      const [row] = await sql`select w.raw_body, w.signature, q.status from messages m
                              join webhook_logs w on w.id = m.webhook_log_id join queue_logs q on q.message_id = m.id
                              where m.external_id = ${id}`;
      t.equal(row.signature, 'valid');
      t.ok(Buffer.compare(row.raw_body, bytes) === 0, 'webhook_logs keeps the exact bytes');
      t.equal(row.status, 'queued', 'handed to SQS before the Lambda returned');
    });

    t.test(`${format.name}, ${body}: a wrong signature answers 401 and stores no message`, async (t) => {
      const { bytes, id } = whatsappBytes();
      const request: HttpRequest = {
        method: 'POST',
        path: '/webhook/whatsapp',
        headers: signed(bytes, 'not-the-app-secret'),
        body: bytes,
        base64,
      };
      const result = await invoke(format.event(request));
      t.equal(result.statusCode, 401);
      t.match(JSON.parse(result.body), { error: { code: 'OMNI_ERR_WEBHOOK_SIGNATURE_INVALID' } });
      t.equal((await sql`select count(*)::int as n from messages where external_id = ${id}`)[0].n, 0);
    });
  }
}

t.test('a signature over the base64 text rather than the decoded bytes is refused', async (t) => {
  const { bytes } = whatsappBytes();
  const event = httpApiEvent({ method: 'POST', path: '/webhook/whatsapp', body: bytes, base64: true });
  event.headers[META_SIGNATURE_HEADER] = signMetaPayload(TEST_SECRETS.whatsapp!.appSecret, event.body!);
  t.equal((await invoke(event)).statusCode, 401);
});

t.test('Telegram with its secret token header, through the HTTP API', async (t) => {
  const bytes = Buffer.from(JSON.stringify(loadFixture('telegram', 'telegram-text-entities').body));
  const headers = {
    'content-type': 'application/json',
    'x-telegram-bot-api-secret-token': TEST_SECRETS.telegram!.secretToken,
  };
  t.equal(
    (await invoke(httpApiEvent({ method: 'POST', path: '/webhook/telegram', headers, body: bytes, base64: true })))
      .statusCode,
    200,
  );
  const wrong = { ...headers, 'x-telegram-bot-api-secret-token': 'guess' };
  t.equal(
    (await invoke(httpApiEvent({ method: 'POST', path: '/webhook/telegram', headers: wrong, body: bytes }))).statusCode,
    401,
  );
});

t.test("Meta's subscription handshake, health, metrics and a disabled platform", async (t) => {
  const query = {
    'hub.mode': 'subscribe',
    'hub.verify_token': TEST_SECRETS.whatsapp!.verifyToken,
    'hub.challenge': '1158201444',
  };
  for (const format of formats) {
    const handshake = await invoke(format.event({ method: 'GET', path: '/webhook/whatsapp', query }));
    t.same([handshake.statusCode, handshake.body], [200, '1158201444'], format.name);
    const health = await invoke(format.event({ method: 'GET', path: '/healthz' }));
    t.same([health.statusCode, JSON.parse(health.body)], [200, { ok: true }], format.name);
  }
  const metrics = await invoke(httpApiEvent({ method: 'GET', path: '/metrics' }));
  t.match(metrics.body, /omni_webhooks_total\{platform="whatsapp",status="200"\} \d+/);
  const disabled = await invoke(httpApiEvent({ method: 'POST', path: '/webhook/messenger', body: Buffer.from('{}') }));
  t.equal(disabled.statusCode, 404, 'no MESSENGER_APP_SECRET: disabled');
});
