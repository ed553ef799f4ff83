import type { Test } from 'tap';
import { channelSigning, createTestApp, postWebhook } from './app.js';
import { addTestChannel, CHANNEL_APP_SECRET, whatsAppChannel } from './channels.js';
import { createTestDatabase } from './database.js';
import { createTestQueue } from './queue.js';
import { WHATSAPP_NUMBER, whatsAppTextToNumber } from './webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from './worker.js';

/** A customer's text to one business number: `[phone number id, message id, text]`. */
export type TextToNumber = readonly [string, string, string];

/**
 * The dashboard's browser tests' stack: the app listening on a port with live events, a real worker,
 * and two WhatsApp channels, Sales (WHATSAPP_NUMBER) and Support (555), with no environment channels.
 */
export async function startTwoChannelDashboard(t: Test) {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, channels } = await createTestApp(t, { sql, queue, liveEvents: true, platforms: {} });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  startTestWorker(t, sql, queue);
  const add = async (name: string, number: string) =>
    (await addTestChannel(sql, whatsAppChannel(name, number), { directories: [channels] })).channel.id;
  const sales = await add('Sales', WHATSAPP_NUMBER);
  const support = await add('Support', '555');
  /** Posts each text, signed with the channels' secret, and waits until the worker has processed it. */
  const deliverTexts = async (texts: readonly TextToNumber[], timestamp: number) => {
    for (const [number, id, text] of texts) {
      const body = whatsAppTextToNumber(number, id, timestamp, text);
      const signing = channelSigning('whatsapp', CHANNEL_APP_SECRET);
      t.equal((await postWebhook(app, 'whatsapp', body, signing)).statusCode, 200, `${id} accepted`);
      await waitUntilProcessed(sql, [id]);
    }
  };
  return { sql, app, address, sales, support, deliverTexts };
}
