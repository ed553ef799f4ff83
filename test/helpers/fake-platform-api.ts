import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';

/** A file part of a multipart request, as it arrived. */
export interface ReceivedFile {
  filename: string;
  type: string;
  bytes: Buffer;
}

/** One request the fake API received, as it arrived. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The JSON body; or a multipart body's fields, text parts as strings and file parts as ReceivedFile. */
  body: any;
  /** `Date.now()` when its body had arrived. */
  at: number;
  /** The body the fake answered with (none while it hangs). */
  answer?: any;
}

/** What to change in the documented success: another status and body, extra headers, a delay, or no answer at all. */
export interface FakeAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  hang?: boolean;
}

export interface FakePlatformApi {
  /** The origin to use as GRAPH_API_BASE_URL and TELEGRAM_API_BASE_URL. */
  url: string;
  requests: RecordedRequest[];
  /** The next request whose path matches gets the success changed by `answer`; used in order. */
  answerNext(path: RegExp, answer: FakeAnswer): void;
}

const WHATSAPP_SEND = /^\/v\d+\.\d+\/(\d+)\/messages$/;
const WHATSAPP_MEDIA_UPLOAD = /^\/v\d+\.\d+\/(\d+)\/media$/;
const MESSAGING_SEND = /^\/v\d+\.\d+\/me\/messages$/;
const TELEGRAM_SEND = /^\/bot[^/]+\/(send(?:Message|Photo|Document|Audio|Video))$/;
const GRAPH_NODE = /^\/v\d+\.\d+\/(me|\d+)\?fields=([\w,]+)$/;
const TELEGRAM_BOT = /^\/bot(\d+):[^/]+\/(getMe|setWebhook|getWebhookInfo)$/;

/** Graph's documented answers to a node read: a phone number, a Messenger or Instagram profile, or `/me`. */
function graphNode(node: string, fields: string[]): Record<string, unknown> {
  if (fields.includes('display_phone_number'))
    return { display_phone_number: '+1 555-010-0001', verified_name: 'Omni Test', id: node };
  if (fields.includes('first_name'))
    return { first_name: 'Ada', last_name: 'Lovelace', profile_pic: 'https://scontent.xx.fbcdn.net/ada.jpg', id: node };
  if (fields.includes('profile_pic'))
    return { name: 'Ada L', username: 'ada.l', profile_pic: 'https://scontent.cdninstagram.com/ada.jpg', id: node };
  return { id: '1234567890', name: 'Omni Page', username: 'omni.page' };
}

/** The Bot API's documented answers: the bot (its id is the token's prefix), a set webhook, its info. */
function botApi(botId: string, method: string): unknown {
  if (method === 'getMe')
    return { ok: true, result: { id: Number(botId), is_bot: true, first_name: 'Omni', username: 'omni_test_bot' } };
  if (method === 'setWebhook') return { ok: true, result: true, description: 'Webhook was set' };
  return {
    ok: true,
    result: { url: 'https://omni.example/webhook/telegram', has_custom_certificate: false, pending_update_count: 0 },
  };
}

/** The documented success body of each send API, with a fresh id. */
function success(path: string, body: any, n: number): { status: number; body: unknown } {
  if (WHATSAPP_SEND.test(path)) {
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: `wamid.HBgLMTY1MDM4NzQzMDAVAgARGBJGQUtFMDAwMDAwMDAwMDAw${n}` }],
      },
    };
  }
  if (WHATSAPP_MEDIA_UPLOAD.test(path)) return { status: 200, body: { id: `${1_000_000_000_000_000 + n}` } };
  // A multipart Send API call carries its recipient as a JSON string.
  const recipient = typeof body?.recipient === 'string' ? JSON.parse(body.recipient) : body?.recipient;
  if (MESSAGING_SEND.test(path))
    return { status: 200, body: { recipient_id: recipient?.id, message_id: `m_FAKE-${n}-AbCdEfGhIjKlMnOp` } };
  const telegram = TELEGRAM_SEND.exec(path);
  if (telegram) {
    const message = {
      message_id: 5000 + n,
      from: { id: 7000000001, is_bot: true, first_name: 'Omni' },
      chat: { id: Number(body.chat_id), type: 'private' },
      date: Math.floor(Date.now() / 1000),
    };
    return {
      status: 200,
      body: { ok: true, result: body.text !== undefined ? { ...message, text: body.text } : message },
    };
  }
  const node = GRAPH_NODE.exec(path);
  if (node) return { status: 200, body: graphNode(node[1]!, node[2]!.split(',')) };
  const bot = TELEGRAM_BOT.exec(path);
  if (bot) return { status: 200, body: botApi(bot[1]!, bot[2]!) };
  return {
    status: 404,
    body: { error: { message: `Unknown path components: ${path}`, type: 'OAuthException', code: 2500 } },
  };
}

/** A JSON body parsed; a multipart one read as the standard Request does, into its fields. */
async function parseBody(headers: IncomingHttpHeaders, raw: Buffer): Promise<any> {
  if (!/^multipart\/form-data/.test(headers['content-type'] ?? ''))
    return raw.length > 0 ? JSON.parse(raw.toString('utf8')) : null;
  const form = await new Request('http://fake.invalid/', {
    method: 'POST',
    headers: { 'content-type': headers['content-type']! },
    body: raw,
  }).formData();
  const fields: Record<string, string | ReceivedFile> = {};
  for (const [name, value] of form) {
    fields[name] =
      typeof value === 'string'
        ? value
        : { filename: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
  }
  return fields;
}

/**
 * A local HTTP server answering as the WhatsApp Cloud API (messages and media uploads), the
 * Messenger/Instagram Send API, Graph node reads (phone numbers, profiles, `/me`) and the Telegram
 * Bot API (sends, getMe, setWebhook, getWebhookInfo) do (their documented success bodies), JSON
 * or multipart, recording every request; tests queue
 * other answers (429s, error codes, silence) with `answerNext`. Closed at teardown.
 */
export async function startFakePlatformApi(t: Test): Promise<FakePlatformApi> {
  const api = await listenFakePlatformApi();
  t.teardown(api.close);
  return api;
}

/** The fake platform API of `startFakePlatformApi`, listening until `close` (for a process of its own). */
export async function listenFakePlatformApi(): Promise<FakePlatformApi & { close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const queued: { path: RegExp; answer: FakeAnswer }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = await parseBody(request.headers, Buffer.concat(chunks));
      const path = request.url ?? '';
      const record: RecordedRequest = {
        method: request.method ?? '',
        path,
        headers: request.headers,
        body,
        at: Date.now(),
      };
      requests.push(record);
      const index = queued.findIndex((q) => q.path.test(path));
      const answer: FakeAnswer = {
        ...success(path, body, requests.length),
        ...(index >= 0 ? queued.splice(index, 1)[0]!.answer : {}),
      };
      if (answer.hang) return;
      setTimeout(() => {
        record.answer = answer.body;
        response.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        response.end(JSON.stringify(answer.body ?? {}));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answerNext: (path, answer) => void queued.push({ path, answer }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
