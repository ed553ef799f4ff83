import { request as httpRequest, type IncomingMessage } from 'node:http';
import t from 'tap';
import { MessageBus } from '../../src/processor/bus.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { loadFixture } from '../helpers/fixtures.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { startTestWorker } from '../helpers/worker.js';

/** Opens an SSE stream and collects its frames as text. */
function openStream(url: string, headers: Record<string, string>): Promise<{ response: IncomingMessage; frames: string[] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const frames: string[] = [];
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        const parts = buffer.split('\n\n');
        buffer = parts.pop()!;
        frames.push(...parts);
      });
      resolve({ response, frames });
    });
    req.on('error', reject);
    req.end();
  });
}

t.test('an SSE client receives message.received after the worker processes a webhook', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const bus = new MessageBus();
  const { app } = await createTestApp(t, { sql, queue, bus });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  startTestWorker(t, sql, queue, { bus });
  const { authorization } = await bearerHeaders(sql);

  const { response, frames } = await openStream(`${address}/api/events`, { authorization });
  t.teardown(() => response.destroy());
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /^text\/event-stream/);

  const fixture = loadFixture('telegram', 'telegram-text-entities');
  t.equal((await postWebhook(app, 'telegram', fixture.body)).statusCode, 200);
  const frame = await waitFor('a message.received frame', async () => frames.find((f) => f.includes('event: message.received')));
  const data = JSON.parse(/^data: (.*)$/m.exec(frame)![1]!);
  t.match(data, { platform: 'telegram', kind: 'message', text: fixture.expect.messages[0]!.text });
  t.match(frame, new RegExp(`^id: ${data.messageId}$`, 'm'), 'the event id is the message id');
});

t.test('the event stream refuses a client without a session or token', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, bus: new MessageBus() });
  const response = await app.inject({ method: 'GET', url: '/api/events' });
  t.equal(response.statusCode, 401);
});
