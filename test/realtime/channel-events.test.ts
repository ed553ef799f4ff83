import t from 'tap';
import { channelSigning, createTestApp, postWebhook } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { addTestChannel, CHANNEL_APP_SECRET, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { openEventStream, type EventStream } from '../helpers/event-stream.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { WHATSAPP_NUMBER, whatsAppTextToNumber } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;

/** The `conversation.updated` frames so far, parsed. */
function conversationUpdates(stream: EventStream) {
  return stream.frames
    .filter((f) => /^event: conversation\.updated$/m.test(f))
    .map(
      (f) =>
        JSON.parse(/^data: (.*)$/m.exec(f)![1]!) as { seq: number; conversationId: number; channelId: number | null },
    );
}

t.test('every event names its channel, live and on catch-up; an unrouted one names none', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, channels } = await createTestApp(t, { sql, queue, liveEvents: true, platforms: {} });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  startTestWorker(t, sql, queue);
  const { channel } = await addTestChannel(sql, whatsAppChannel('Sales', WHATSAPP_NUMBER), { directories: [channels] });
  const sales = channel.id;
  const { authorization } = await bearerHeaders(sql);
  const live = await openEventStream(t, `${address}/api/events`, { authorization });

  for (const [number, id] of [
    [WHATSAPP_NUMBER, 'wamid.EV-ROUTED'],
    ['999000111222333', 'wamid.EV-UNROUTED'],
  ] as const) {
    const body = whatsAppTextToNumber(number, id, T, id);
    t.equal((await postWebhook(app, 'whatsapp', body, channelSigning('whatsapp', CHANNEL_APP_SECRET))).statusCode, 200);
    await waitUntilProcessed(sql, [id]);
  }
  const [routed, unrouted] = await live.waitForEvents(2);
  t.match(routed!.data, { name: 'conversation.created', channelId: sales });
  t.match(unrouted!.data, { name: 'conversation.created', channelId: null });

  const read = await app.inject({
    method: 'POST',
    url: `/api/conversations/${routed!.data.conversationId}/read`,
    headers: { authorization },
  });
  t.equal(read.statusCode, 200);
  const [update] = await waitFor('the read announced', async () => {
    const updates = conversationUpdates(live);
    return updates.length > 0 && updates;
  });
  t.same(update, { seq: update!.seq, conversationId: routed!.data.conversationId, channelId: sales, change: 'read' });

  const replay = await openEventStream(t, `${address}/api/events`, { authorization, 'last-event-id': '0' });
  t.same(
    (await replay.waitForEvents(2)).map((e) => e.data),
    [routed!.data, unrouted!.data],
    'a client catching up reads the same channels',
  );
  const [replayed] = await waitFor('the read replayed', async () => {
    const updates = conversationUpdates(replay);
    return updates.length > 0 && updates;
  });
  t.same(replayed, update);
});
