import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { seedConversations } from '../../src/cli/commands/seed.js';
import { createLocalMediaStore } from '../../src/media/local-media-store.js';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';

const SHORT_MS = 300;
const LONG_MS = 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

t.test('request bodies have a deadline per route: short for everything, long for uploads', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const dir = await mkdtemp(join(tmpdir(), 'omni-deadlines-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const { app } = await createTestApp(t, {
    sql,
    queue,
    liveEvents: true,
    mediaStore: createLocalMediaStore(dir),
    uploadMaxBytes: 1024 * 1024,
    requestTimeoutMs: SHORT_MS,
    largeBodyTimeoutMs: LONG_MS,
  });
  const port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);
  const { authorization } = await bearerHeaders(sql);

  /** Writes the head and `parts` of a request on a raw socket, pausing `pauseMs` between parts; answers all it reads until close. */
  function exchange(
    head: string,
    parts: string[],
    pauseMs: number,
    until: (text: string) => boolean = () => false,
  ): Promise<string> {
    const socket = connect(port, '127.0.0.1');
    t.teardown(() => socket.destroy());
    return new Promise((resolve) => {
      let text = '';
      socket.on('data', (d) => {
        text += d;
        if (until(text)) resolve(text);
      });
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
      void (async () => {
        socket.write(head);
        for (const part of parts) {
          await sleep(pauseMs);
          if (!socket.destroyed) socket.write(part);
        }
      })();
    });
  }
  const uploadHead = (length: number) =>
    `POST /api/uploads?filename=note.txt HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Type: text/plain\r\nContent-Length: ${length}\r\n\r\n`;

  t.test('an upload slower than other bodies may be, but within UPLOAD_TIMEOUT_MS, is stored', async (t) => {
    const parts = ['slow ', 'but ', 'steady'];
    const answer = await exchange(uploadHead(parts.join('').length), parts, SHORT_MS + 200, (text) =>
      /\r\n\r\n\{.*\}/.test(text),
    );
    t.match(answer, /^HTTP\/1\.1 201/);
  });

  t.test('an upload that outlasts UPLOAD_TIMEOUT_MS is answered 408 and closed', async (t) => {
    const answer = await exchange(uploadHead(100), ['partial'], 0);
    t.match(answer, /^HTTP\/1\.1 408/);
  });

  const stalledWebhook = () =>
    exchange(
      'POST /webhook/whatsapp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n',
      ['{"object":'],
      0,
    );

  t.test('a webhook body past the short deadline is answered 408 although uploads may take longer', async (t) => {
    // An upload stalled first: a webhook held to the upload deadline could not be answered before it.
    let uploadAnswered = false;
    void exchange(uploadHead(100), ['partial'], 0).then(() => (uploadAnswered = true));
    t.match(await stalledWebhook(), /^HTTP\/1\.1 408/);
    t.notOk(uploadAnswered, 'held to the short deadline, not the upload one');
  });

  t.test('a request without a body, like the event stream, is never cut by a body deadline', async (t) => {
    const socket = connect(port, '127.0.0.1');
    t.teardown(() => socket.destroy());
    let closed = false;
    socket.on('close', () => (closed = true));
    let received = '';
    const head = await new Promise<string>((resolve) => {
      socket.on('data', (d) => {
        received += d;
        if (received.includes('\r\n\r\n')) resolve(received);
      });
      socket.write(
        `GET /api/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nAuthorization: ${authorization}\r\n\r\n`,
      );
    });
    t.match(head, /^HTTP\/1\.1 200/);
    // A body deadline that began after the stream opened has passed…
    t.match(await stalledWebhook(), /^HTTP\/1\.1 408/);
    t.notOk(closed, 'the stream is still open');
    // …and the stream still carries what happens next.
    await seedConversations(sql, { messages: 1, conversations: 1, days: 1 }, () => {});
    const [conversation] = await sql<{ id: string }[]>`select id from conversations`;
    const closing = await app.inject({
      method: 'POST',
      url: `/api/conversations/${conversation!.id}/close`,
      headers: { authorization },
      payload: {},
    });
    t.equal(closing.statusCode, 200);
    await waitFor('the close on the stream', async () => received.includes('event: conversation.updated'));
  });
});
