import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';
import { DEFAULT_GRAPH_API_VERSION } from '../../src/config/platform-variables.js';

export const WHATSAPP_TOKEN = 'EAAtestWhatsAppSystemUserToken';
export const TELEGRAM_TOKEN = '7012345678:AAtest-telegram-bot-token';
/** The Graph API version the app calls when GRAPH_API_VERSION is unset, as every test app leaves it. */
export const GRAPH_VERSION = DEFAULT_GRAPH_API_VERSION;

type Responder = (req: IncomingMessage, res: ServerResponse) => void;

export interface FakeMediaApi {
  origin: string;
  /** `127.0.0.1:<port>`, to name as a private host in the media policy. */
  host: string;
  /** Every request received: path and Authorization header. */
  requests: { path: string; authorization?: string }[];
  /** Answers GET `path` (no query) with `respond`, replacing any earlier answer. */
  on(path: string, respond: Responder): void;
  /** The current answer to `path`, to wrap in a new one. */
  route(path: string): Responder | undefined;
  /**
   * A WhatsApp media id as the Graph API serves it: the id resolves (with the bearer token) to a
   * lookaside-style url on this server, which serves the bytes only with that token too.
   */
  whatsAppMedia(mediaId: string, bytes: Buffer, mimeType: string): void;
  /** A Telegram file_id that getFile resolves to `filePath`, served under the bot's file url. */
  telegramFile(fileId: string, filePath: string, bytes: Buffer): void;
  /** A CDN url (Messenger, Instagram) serving these bytes; returns it. */
  cdnFile(name: string, bytes: Buffer, contentType: string): string;
}

function sendBytes(res: ServerResponse, bytes: Buffer, contentType: string) {
  res.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length }).end(bytes);
}

/**
 * A local stand-in for the Graph API, the Telegram Bot API and the platforms' CDNs, on 127.0.0.1
 * with a free port, closed at teardown. Unknown paths answer 404 like the real ones.
 */
export async function startFakeMediaApi(t: Test): Promise<FakeMediaApi> {
  const routes = new Map<string, Responder>();
  const requests: FakeMediaApi['requests'] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    requests.push({ path, authorization: req.headers.authorization });
    const respond = routes.get(path);
    if (respond) return respond(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const on = (path: string, respond: Responder) => void routes.set(path, respond);
  const bearerOnly =
    (respond: Responder): Responder =>
    (req, res) => {
      if (req.headers.authorization !== `Bearer ${WHATSAPP_TOKEN}`) return void res.writeHead(401).end();
      respond(req, res);
    };

  return {
    origin,
    host: `127.0.0.1:${port}`,
    requests,
    on,
    route: (path) => routes.get(path),
    whatsAppMedia(mediaId, bytes, mimeType) {
      const url = `${origin}/whatsapp_business/attachments/${mediaId}`;
      on(
        `/${GRAPH_VERSION}/${mediaId}`,
        bearerOnly((_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              messaging_product: 'whatsapp',
              url,
              mime_type: mimeType,
              sha256: 'e3b0c44298fc1c149afbf4c8996fb924',
              file_size: bytes.length,
              id: mediaId,
            }),
          );
        }),
      );
      on(
        `/whatsapp_business/attachments/${mediaId}`,
        bearerOnly((_req, res) => sendBytes(res, bytes, mimeType)),
      );
    },
    telegramFile(fileId, filePath, bytes) {
      on(`/bot${TELEGRAM_TOKEN}/getFile`, (req, res) => {
        const asked = new URL(req.url!, 'http://x').searchParams.get('file_id');
        const body =
          asked === fileId
            ? {
                ok: true,
                result: { file_id: fileId, file_unique_id: 'AgADtest', file_size: bytes.length, file_path: filePath },
              }
            : { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' };
        res.writeHead(body.ok ? 200 : 400, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
      // Telegram serves files as octet-stream: only the bytes say what they are.
      on(`/file/bot${TELEGRAM_TOKEN}/${filePath}`, (_req, res) => sendBytes(res, bytes, 'application/octet-stream'));
    },
    cdnFile(name, bytes, contentType) {
      on(`/cdn/${name}`, (_req, res) => sendBytes(res, bytes, contentType));
      return `${origin}/cdn/${name}?_nc_sig=test&oe=6A1B2C3D`;
    },
  };
}
