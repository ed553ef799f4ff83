import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { configuredTestJobs } from '../helpers/jobs.js';
import { createConfiguredMediaStore } from '../../src/media/configured-media-store.js';
import type { PlatformName } from '../../src/platforms/types.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { GRAPH_VERSION, startFakeMediaApi, TELEGRAM_TOKEN, WHATSAPP_TOKEN } from '../helpers/fake-media-api.js';
import { oggOpusVoiceNote, pdfDocument, pngImage } from '../helpers/media-files.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  messengerAttachmentBody,
  telegramVoiceBody,
  telegramVoiceExternalId,
  whatsAppMediaBody,
} from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const MAX_RECEIVES = 4;
const run = promisify(execFile);
const OMNI = fileURLToPath(new URL('../../bin/omni.js', import.meta.url));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface AttachmentRow {
  id: string;
  state: string;
  failure_reason: string | null;
  mime_type: string | null;
  size_bytes: string | null;
  attempts: number;
}

t.test('every attachment is fetched as its own job, stored, and served to agents', async (t) => {
  const startedAt = new Date();
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t, { maxReceiveCount: MAX_RECEIVES, visibilityTimeoutSeconds: 5 });
  const api = await startFakeMediaApi(t);
  const dataDir = await mkdtemp(join(tmpdir(), 'omni-media-test-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    OMNI_DATA_DIR: dataDir,
    GRAPH_API_BASE_URL: api.origin,
    TELEGRAM_API_BASE_URL: api.origin,
    WHATSAPP_ACCESS_TOKEN: WHATSAPP_TOKEN,
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    // The fake APIs are on loopback, named as such; the metadata IP is allowlisted so that only its
    // address can be what refuses it.
    MEDIA_PRIVATE_HOSTS: api.host,
    MEDIA_ALLOWED_HOSTS: '169.254.169.254',
  });
  const mediaStore = createConfiguredMediaStore(config);
  const { app } = await createTestApp(t, { sql, queue, mediaStore });
  startTestWorker(t, sql, queue, {
    jobs: await configuredTestJobs(t, sql, config),
    maxReceiveCount: MAX_RECEIVES,
  });
  const { authorization } = await bearerHeaders(sql);

  /** Posts a signed webhook, waits for its message to be processed and its attachment to settle. */
  async function deliver(platform: PlatformName, body: unknown, externalId: string): Promise<AttachmentRow> {
    t.equal((await postWebhook(app, platform, body)).statusCode, 200, `${externalId} accepted`);
    await waitUntilProcessed(sql, [externalId]);
    return waitFor(`${externalId}'s attachment settled`, async () => {
      const [row] = await sql<AttachmentRow[]>`
        select a.id, a.state, a.failure_reason, a.mime_type, a.size_bytes, a.attempts
        from attachments a join messages m on m.id = a.message_id where m.external_id = ${externalId}`;
      return row && row.state !== 'pending' ? row : undefined;
    });
  }
  const getMedia = (id: string | number, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `/api/media/${id}`, headers: { authorization, ...headers } });
  async function messageAsListed(externalId: string) {
    const [message] = await sql<
      { id: string; conversation_id: string }[]
    >`select id, conversation_id from messages where external_id = ${externalId}`;
    const listed = await app.inject({
      method: 'GET',
      url: `/api/conversations/${message!.conversation_id}/messages`,
      headers: { authorization },
    });
    return (listed.json().messages as { id: number; attachments: Record<string, unknown>[] }[]).find(
      (m) => m.id === Number(message!.id),
    );
  }

  t.test(
    'a WhatsApp image is resolved through Graph with the token, stored and served back byte for byte',
    async (t) => {
      const image = pngImage();
      api.whatsAppMedia('1003383421387256', image, 'image/png');
      const attachment = await deliver(
        'whatsapp',
        whatsAppMediaBody('wamid.MEDIA-IMAGE', 'image', {
          caption: 'This one',
          mime_type: 'image/png',
          id: '1003383421387256',
        }),
        'wamid.MEDIA-IMAGE',
      );
      t.equal(attachment.state, 'stored');
      const served = await getMedia(attachment.id);
      t.equal(served.statusCode, 200);
      t.same(served.rawPayload, image, 'the same bytes');
      t.equal(served.headers['content-type'], 'image/png');
      t.match(served.headers['content-disposition'], /^inline/);
      t.equal(served.headers.etag, `"${sha256(image)}"`);
      t.match(served.headers['cache-control'], /^private, max-age=\d+, immutable$/);
      t.equal(
        (await getMedia(attachment.id, { 'if-none-match': `"${sha256(image)}"` })).statusCode,
        304,
        'a cached copy is revalidated',
      );
      const graphCalls = api.requests.filter((r) => r.path.endsWith('1003383421387256'));
      t.same(
        graphCalls.map((r) => r.authorization),
        [`Bearer ${WHATSAPP_TOKEN}`, `Bearer ${WHATSAPP_TOKEN}`],
        'Graph and its media url both got the token',
      );
      t.notMatch(JSON.stringify(served.headers), WHATSAPP_TOKEN, 'the token never reaches the browser');
      const listed = await messageAsListed('wamid.MEDIA-IMAGE');
      t.match(listed?.attachments, [
        { id: Number(attachment.id), state: 'stored', mimeType: 'image/png', size: image.length, reason: null },
      ]);
    },
  );

  t.test('a Telegram voice note is resolved with getFile, typed by its bytes and served in ranges', async (t) => {
    const voice = oggOpusVoiceNote();
    api.telegramFile('AwACAgQAAxkBAAIBVoice', 'voice/file_12.oga', voice);
    const attachment = await deliver(
      'telegram',
      telegramVoiceBody(900, 'AwACAgQAAxkBAAIBVoice', voice.length),
      telegramVoiceExternalId(900),
    );
    t.equal(attachment.state, 'stored');
    const served = await getMedia(attachment.id);
    t.same(served.rawPayload, voice, 'the same bytes');
    t.equal(
      served.headers['content-type'],
      'audio/ogg; codecs=opus',
      'typed by its bytes, not by the octet-stream it came as',
    );
    t.equal(served.headers['accept-ranges'], 'bytes');

    const range = await getMedia(attachment.id, { range: 'bytes=0-99' });
    t.equal(range.statusCode, 206);
    t.equal(range.headers['content-range'], `bytes 0-99/${voice.length}`);
    t.same(range.rawPayload, voice.subarray(0, 100), 'the first 100 bytes');
    const tail = await getMedia(attachment.id, { range: 'bytes=-10' });
    t.same(tail.rawPayload, voice.subarray(-10), 'a suffix range gives the last bytes');
    const open = await getMedia(attachment.id, { range: `bytes=${voice.length - 5}-` });
    t.equal(open.headers['content-range'], `bytes ${voice.length - 5}-${voice.length - 1}/${voice.length}`);
    const beyond = await getMedia(attachment.id, { range: `bytes=${voice.length}-` });
    t.equal(beyond.statusCode, 416, 'a range past the end is not satisfiable');
    t.equal(beyond.headers['content-range'], `bytes */${voice.length}`);
  });

  t.test('a Messenger file is downloaded from its CDN url and served as a download with its name', async (t) => {
    const pdf = pdfDocument();
    const url = api.cdnFile('invoice-2041.pdf', pdf, 'application/pdf');
    const attachment = await deliver(
      'messenger',
      messengerAttachmentBody('mid.MEDIA-FILE', 'file', url),
      'mid.MEDIA-FILE',
    );
    const served = await getMedia(attachment.id);
    t.same(served.rawPayload, pdf);
    t.equal(served.headers['content-type'], 'application/pdf');
    t.match(served.headers['content-disposition'], /^attachment; filename="attachment-\d+"/);
    t.match(served.headers['content-security-policy'], /sandbox/, "a customer's file never runs in Omni's origin");
  });

  t.test(
    "an expired WhatsApp media id marks the attachment failed with Graph's reason; the message stays",
    async (t) => {
      api.on(`/${GRAPH_VERSION}/2200000000000001`, (_req, res) =>
        res.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: {
              message:
                "Unsupported get request. Object with ID '2200000000000001' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
              type: 'GraphMethodException',
              code: 100,
              error_subcode: 33,
              fbtrace_id: 'AbCdEf',
            },
          }),
        ),
      );
      const attachment = await deliver(
        'whatsapp',
        whatsAppMediaBody('wamid.MEDIA-EXPIRED', 'document', {
          filename: 'offer.pdf',
          mime_type: 'application/pdf',
          id: '2200000000000001',
        }),
        'wamid.MEDIA-EXPIRED',
      );
      t.equal(attachment.state, 'failed');
      t.match(attachment.failure_reason, /^Graph media 2200000000000001 answered 400: Unsupported get request/);
      t.equal(attachment.attempts, 1, 'never retried');
      t.equal((await getMedia(attachment.id)).statusCode, 404, 'nothing to serve');
      const listed = await messageAsListed('wamid.MEDIA-EXPIRED');
      t.ok(listed, 'the message is still in its conversation');
      t.match(listed?.attachments, [{ state: 'failed', filename: 'offer.pdf', reason: /answered 400/ }]);
    },
  );

  t.test(
    'a CDN redirect to the metadata service or another loopback port is refused and the attachment failed',
    async (t) => {
      for (const [name, target, reason] of [
        [
          'to-metadata',
          'http://169.254.169.254/latest/meta-data/iam/',
          /^refused http:\/\/169\.254\.169\.254: not a public address$/,
        ],
        ['to-loopback', 'http://127.0.0.1:1/admin', /^refused http:\/\/127\.0\.0\.1:1: host not allowed$/],
      ] as const) {
        api.on(`/cdn/${name}`, (_req, res) => res.writeHead(302, { location: target }).end());
        const mid = `mid.MEDIA-REDIRECT-${name}`;
        const attachment = await deliver(
          'messenger',
          messengerAttachmentBody(mid, 'image', `${api.origin}/cdn/${name}`),
          mid,
        );
        t.equal(attachment.state, 'failed', name);
        t.match(attachment.failure_reason, reason, name);
      }
    },
  );

  t.test('a download past the cap is cut off and the attachment failed', async (t) => {
    // A WhatsApp sticker may be 500 KB; this CDN streams up to 64 MB, chunked, with no length given.
    const chunk = Buffer.alloc(64 * 1024, 0x52);
    let sent = 0;
    let cutOff = false;
    api.on(`/${GRAPH_VERSION}/3300000000000001`, (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ url: `${api.origin}/cdn/endless-sticker`, mime_type: 'image/webp', id: '3300000000000001' }),
        ),
    );
    api.on('/cdn/endless-sticker', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/webp' });
      res.on('close', () => {
        cutOff = !res.writableFinished;
      });
      const pump = () => {
        while (sent < 64 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const attachment = await deliver(
      'whatsapp',
      whatsAppMediaBody('wamid.MEDIA-HUGE', 'sticker', {
        mime_type: 'image/webp',
        id: '3300000000000001',
        animated: false,
      }),
      'wamid.MEDIA-HUGE',
    );
    t.equal(attachment.state, 'failed');
    t.equal(attachment.failure_reason, 'larger than the cap of 512000 bytes');
    await waitFor('the CDN saw the connection close', async () => cutOff || undefined);
    t.ok(sent < 64 * 1024 * 1024, `cut off after ${sent} bytes were sent`);
  });

  t.test('a file Graph declares larger than the cap is failed without downloading it', async (t) => {
    api.on(`/${GRAPH_VERSION}/3300000000000002`, (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          url: `${api.origin}/cdn/big-image`,
          mime_type: 'image/jpeg',
          file_size: 6 * 1024 * 1024,
          id: '3300000000000002',
        }),
      ),
    );
    const attachment = await deliver(
      'whatsapp',
      whatsAppMediaBody('wamid.MEDIA-BIG', 'image', { mime_type: 'image/jpeg', id: '3300000000000002' }),
      'wamid.MEDIA-BIG',
    );
    t.equal(
      attachment.failure_reason,
      `larger than the cap of ${5 * 1024 * 1024} bytes`,
      "WhatsApp's 5 MB image limit",
    );
    t.notOk(
      api.requests.some((r) => r.path === '/cdn/big-image'),
      'never downloaded',
    );
  });

  t.test('a 429 from Graph is retried after its Retry-After', async (t) => {
    const image = pngImage(3, 3);
    api.whatsAppMedia('4400000000000002', image, 'image/png');
    const answer = api.route(`/${GRAPH_VERSION}/4400000000000002`)!;
    const times: number[] = [];
    api.on(`/${GRAPH_VERSION}/4400000000000002`, (req, res) => {
      times.push(Date.now());
      if (times.length === 1) return void res.writeHead(429, { 'retry-after': '2' }).end();
      answer(req, res);
    });
    const attachment = await deliver(
      'whatsapp',
      whatsAppMediaBody('wamid.MEDIA-SLOW', 'image', { mime_type: 'image/png', id: '4400000000000002' }),
      'wamid.MEDIA-SLOW',
    );
    t.equal(attachment.state, 'stored');
    t.ok(times[1]! - times[0]! >= 1500, `retried after ${times[1]! - times[0]!} ms`);
  });

  t.test('a transient 500 from the CDN is retried through the queue, then the image is stored', async (t) => {
    const image = pngImage(2, 2);
    api.whatsAppMedia('4400000000000001', image, 'image/png');
    let downloads = 0;
    api.on('/whatsapp_business/attachments/4400000000000001', (_req, res) => {
      downloads += 1;
      if (downloads === 1) return void res.writeHead(500).end('try again');
      res.writeHead(200, { 'content-type': 'image/png' }).end(image);
    });
    const attachment = await deliver(
      'whatsapp',
      whatsAppMediaBody('wamid.MEDIA-FLAKY', 'image', { mime_type: 'image/png', id: '4400000000000001' }),
      'wamid.MEDIA-FLAKY',
    );
    t.equal(attachment.state, 'stored');
    t.equal(attachment.attempts, 2);
    t.same((await getMedia(attachment.id)).rawPayload, image);
  });

  t.test('no failure reason, job error or log line carries a platform token', async (t) => {
    api.on(`/bot${TELEGRAM_TOKEN}/getFile`, (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, result: { file_id: 'gone', file_path: 'voice/file_missing.oga' } })),
    );
    const attachment = await deliver(
      'telegram',
      telegramVoiceBody(901, 'AwACAgQAAxkBAAIBGone', 6448),
      telegramVoiceExternalId(901),
    );
    t.equal(attachment.failure_reason, 'the media download answered 404');
    const recorded = await sql<{ text: string | null }[]>`
      select failure_reason as text from attachments union all select last_error from queue_logs`;
    for (const { text } of recorded) {
      t.notOk(text?.includes(TELEGRAM_TOKEN) || text?.includes(WHATSAPP_TOKEN), `no token in: ${text}`);
    }
  });

  t.test('omni media retry re-queues failed downloads, which then succeed once the platform has them', async (t) => {
    const env = {
      ...process.env,
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      AWS_ENDPOINT_URL_SQS: queue.endpoint,
      MESSAGE_QUEUE_URL: queue.queueUrl,
      DEAD_LETTER_QUEUE_URL: queue.deadLetterQueueUrl,
    };
    const retry = async (since: Date) =>
      (await run(process.execPath, [OMNI, 'media', 'retry', '--since', since.toISOString()], { env })).stdout.trim();
    t.equal(
      await retry(new Date(Date.now() + 60_000)),
      're-queued 0 failed download(s)',
      'nothing failed after --since',
    );
    api.whatsAppMedia('2200000000000001', pdfDocument('Offer'), 'application/pdf');
    const [expired] = await sql<
      { id: string }[]
    >`select a.id from attachments a join messages m on m.id = a.message_id where m.external_id = 'wamid.MEDIA-EXPIRED'`;
    const failed = await sql`select id from attachments where state = 'failed'`;
    t.equal(await retry(startedAt), `re-queued ${failed.length} failed download(s)`);
    const stored = await waitFor('the expired one stored', async () => {
      const [row] = await sql<{ state: string }[]>`select state from attachments where id = ${expired!.id}`;
      return row?.state === 'stored' ? row : undefined;
    });
    t.equal(stored.state, 'stored');
    const served = await getMedia(expired!.id);
    t.equal(served.headers['content-type'], 'application/pdf');
    t.match(served.headers['content-disposition'], /^attachment; filename="offer\.pdf"/);
  });

  t.test('the media route answers 401 without a session or token, and 404 for an unknown attachment', async (t) => {
    t.equal((await app.inject({ method: 'GET', url: '/api/media/1' })).statusCode, 401);
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/media/1', headers: { authorization: 'Bearer wrong' } })).statusCode,
      401,
    );
    t.equal((await getMedia(999999)).statusCode, 404);
  });
});
