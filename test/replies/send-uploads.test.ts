import { Readable } from 'node:stream';
import { GRAPH_VERSION } from '../helpers/fake-media-api.js';
import t from 'tap';
import { startReplyStack } from '../helpers/replies.js';
import {
  instagramTextBody,
  messengerTextBody,
  MESSENGER_CUSTOMER,
  telegramTextBody,
  whatsAppTextBody,
} from '../helpers/webhook-bodies.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const WHATSAPP_NUMBER_ID = '106540352242922';
/** A 1×1 PNG: file-type knows it by its bytes, whatever type the upload declares. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const UPLOAD_MAX_BYTES = 200_000;

t.test('a reply with an uploaded file: uploaded to Omni, then sent as a file on each platform', async (t) => {
  const stack = await startReplyStack(t, { env: { UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) } });
  const { fake, sql } = stack;
  await stack.deliver('whatsapp', whatsAppTextBody('wamid.UPLOAD-IN-1', nowSeconds(), 'Send me the picture?'), [
    'wamid.UPLOAD-IN-1',
  ]);
  await stack.deliver('messenger', messengerTextBody('m_UPLOAD-IN-2', Date.now(), 'A photo please'), ['m_UPLOAD-IN-2']);
  await stack.deliver('telegram', telegramTextBody(51, nowSeconds(), 'Bild bitte'), ['927266710:51']);
  await stack.deliver('instagram', instagramTextBody('aWdfUPLOAD-IN-4', Date.now(), 'Pic?'), ['aWdfUPLOAD-IN-4']);
  const whatsapp = (await stack.inbound('wamid.UPLOAD-IN-1')).conversationId;
  const messenger = (await stack.inbound('m_UPLOAD-IN-2')).conversationId;
  const telegram = (await stack.inbound('927266710:51')).conversationId;
  const instagram = (await stack.inbound('aWdfUPLOAD-IN-4')).conversationId;
  const uploadPng = async () => (await stack.upload(PNG, 'application/octet-stream', 'blue.png')).json().id as number;
  /** The requests the fake saw from `from` on. */
  const since = (from: number) => fake.requests.slice(from);

  t.test('an upload is stored with the type its bytes show and answered 201 with its id', async (t) => {
    const response = await stack.upload(PNG, 'application/octet-stream', 'blue.png');
    t.equal(response.statusCode, 201);
    t.match(response.json(), { id: Number, mimeType: 'image/png', size: PNG.length, filename: 'blue.png' });
    const [row] =
      await sql`select mime_type, size_bytes::int as size, filename, storage_key, uploaded_by_token_id from uploads where id = ${response.json().id}`;
    t.match(row, {
      mime_type: 'image/png',
      size: PNG.length,
      filename: 'blue.png',
      storage_key: /^sha256\/[0-9a-f]{64}$/,
    });
    t.ok(row!.uploaded_by_token_id, 'who uploaded it is kept');
    const unnamed = await stack.upload(PNG, 'image/png');
    t.equal(unnamed.json().filename, null, 'the file name is optional');
    for (const headers of [{}, { 'content-type': 'image/png' }]) {
      const empty = await stack.app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: { authorization: stack.authorization, ...headers },
      });
      t.equal(empty.statusCode, 400, `an empty body is refused (${JSON.stringify(headers)})`);
    }
  });

  t.test('WhatsApp: the file is uploaded to /media, then the message names the media id it got', async (t) => {
    const upload = await uploadPng();
    const from = fake.requests.length;
    const response = await stack.reply(whatsapp, { media: { type: 'image', upload, caption: 'The blue one' } });
    t.equal(response.statusCode, 202);
    const sent = await stack.settled(response.json().message.id);
    t.equal(sent.delivery_status, 'sent');
    const [media, message] = since(from);
    t.equal(media!.path, `/${GRAPH_VERSION}/${WHATSAPP_NUMBER_ID}/media`);
    t.match(media!.headers['content-type'], /^multipart\/form-data; boundary=/);
    t.equal(media!.body.messaging_product, 'whatsapp');
    t.equal(media!.body.type, 'image/png');
    t.match(media!.body.file, { filename: 'blue.png', type: 'image/png' });
    t.ok(PNG.equals(media!.body.file.bytes), 'the bytes arrive unchanged');
    t.equal(message!.path, `/${GRAPH_VERSION}/${WHATSAPP_NUMBER_ID}/messages`);
    t.same(message!.body, {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'image',
      image: { id: media!.answer.id, caption: 'The blue one' },
    });
  });

  t.test(
    'WhatsApp: a retry after the message call failed with a 5xx reuses the media id instead of uploading again',
    async (t) => {
      const upload = await uploadPng();
      const from = fake.requests.length;
      fake.answerNext(/\/messages$/, {
        status: 500,
        body: { error: { message: 'An unexpected error has occurred.', type: 'OAuthException', code: 2 } },
      });
      const response = await stack.reply(whatsapp, { media: { type: 'image', upload } });
      const sent = await stack.settled(response.json().message.id);
      t.equal(sent.delivery_status, 'sent');
      const requests = since(from);
      t.same(
        requests.map((r) => r.path.split('/').at(-1)),
        ['media', 'messages', 'messages'],
        'one upload, two message calls',
      );
      t.equal(requests[1]!.body.image.id, requests[0]!.answer.id);
      t.equal(requests[2]!.body.image.id, requests[0]!.answer.id);
    },
  );

  t.test('Messenger: one multipart Send API call carries the message and the file as filedata', async (t) => {
    const upload = await uploadPng();
    const from = fake.requests.length;
    const response = await stack.reply(messenger, { media: { type: 'image', upload } });
    const sent = await stack.settled(response.json().message.id);
    const requests = since(from);
    t.equal(requests.length, 1);
    const [call] = requests;
    t.equal(call!.path, `/${GRAPH_VERSION}/me/messages`);
    t.match(call!.headers['content-type'], /^multipart\/form-data/);
    t.same(JSON.parse(call!.body.recipient), { id: MESSENGER_CUSTOMER });
    t.same(JSON.parse(call!.body.message), { attachment: { type: 'image', payload: { is_reusable: false } } });
    t.equal(call!.body.messaging_type, 'RESPONSE');
    t.match(call!.body.filedata, { filename: 'blue.png', type: 'image/png' });
    t.ok(PNG.equals(call!.body.filedata.bytes), 'the bytes arrive unchanged');
    t.equal(sent.external_id, call!.answer.message_id);
  });

  t.test('Telegram: sendPhoto as multipart with the file in photo', async (t) => {
    const upload = await uploadPng();
    const from = fake.requests.length;
    const response = await stack.reply(telegram, {
      media: { type: 'image', upload, caption: 'Bitte sehr' },
      replyTo: (await stack.inbound('927266710:51')).messageId,
    });
    const sent = await stack.settled(response.json().message.id);
    const [call] = since(from);
    t.match(call!.path, /\/sendPhoto$/);
    t.equal(call!.body.chat_id, '927266710');
    t.equal(call!.body.caption, 'Bitte sehr');
    t.same(JSON.parse(call!.body.reply_parameters), { message_id: 51, allow_sending_without_reply: true });
    t.ok(PNG.equals(call!.body.photo.bytes), 'the bytes arrive unchanged');
    t.equal(sent.external_id, `927266710:${call!.answer.result.message_id}`);
  });

  t.test(
    'an upload over UPLOAD_MAX_BYTES is refused with 413, whether its length is declared or not, and nothing is kept',
    async (t) => {
      const before = (await sql`select count(*)::int as n from uploads`)[0]!.n;
      const declared = await stack.upload(Buffer.alloc(UPLOAD_MAX_BYTES + 1), 'application/pdf');
      t.equal(declared.statusCode, 413);
      t.equal(declared.json().error.code, 'OMNI_ERR_MEDIA_TOO_LARGE');
      const chunks = Array.from({ length: 5 }, () => Buffer.alloc(UPLOAD_MAX_BYTES / 4));
      const streamed = await stack.app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: { authorization: stack.authorization, 'content-type': 'application/pdf' },
        payload: Readable.from(chunks),
      });
      t.equal(streamed.statusCode, 413, 'a body without a length is cut off at the cap');
      const address = await stack.app.listen({ port: 0, host: '127.0.0.1' });
      const overTheWire = await fetch(`${address}/api/uploads`, {
        method: 'POST',
        headers: { authorization: stack.authorization, 'content-type': 'application/pdf' },
        body: Readable.toWeb(Readable.from(chunks)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      t.equal(overTheWire.status, 413, 'a chunked client over a socket gets its 413 too');
      t.equal(overTheWire.headers.get('connection'), 'close');
      t.equal((await sql`select count(*)::int as n from uploads`)[0]!.n, before);
    },
  );

  t.test('a reply naming an unknown upload, or both a url and an upload, is a 400', async (t) => {
    const unknown = await stack.reply(whatsapp, { media: { type: 'image', upload: 999_999 } });
    t.equal(unknown.statusCode, 400);
    t.equal(unknown.json().error.code, 'OMNI_ERR_REPLY_UPLOAD_UNKNOWN');
    const both = await stack.reply(whatsapp, {
      media: { type: 'image', upload: await uploadPng(), url: 'https://cdn.example.com/a.png' },
    });
    t.equal(both.json().error.code, 'OMNI_ERR_REPLY_INVALID');
    const neither = await stack.reply(whatsapp, { media: { type: 'image' } });
    t.equal(neither.json().error.code, 'OMNI_ERR_REPLY_INVALID');
  });

  t.test('Instagram refuses an uploaded file with a code saying it takes media by URL', async (t) => {
    const response = await stack.reply(instagram, { media: { type: 'image', upload: await uploadPng() } });
    t.equal(response.statusCode, 400);
    t.equal(response.json().error.code, 'OMNI_ERR_REPLY_INSTAGRAM_NEEDS_URL');
  });
});
