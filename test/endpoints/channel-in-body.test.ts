import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { endpointPolicy } from '../../src/endpoints/endpoint-policy.js';
import { registerEndpoint } from '../../src/endpoints/register-endpoint.js';
import { configuredTestJobs } from '../helpers/jobs.js';
import { channelSigning, createTestApp, postWebhook } from '../helpers/app.js';
import { addTestChannel, CHANNEL_APP_SECRET, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { startEndpointReceiver } from '../helpers/endpoint-receiver.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { WHATSAPP_NUMBER, whatsAppTextToNumber } from '../helpers/webhook-bodies.js';
import { startTestWorker } from '../helpers/worker.js';
import { TEST_BY } from '../helpers/audit.js';

const T = 1749416383;

t.test("an endpoint's event body names the channel of the conversation and of the message", async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, channels } = await createTestApp(t, { sql, queue, platforms: {} });
  const receiver = await startEndpointReceiver(t);
  const config = loadConfig({ ENDPOINT_PRIVATE_HOSTS: `127.0.0.1:${receiver.port}` });
  startTestWorker(t, sql, queue, { jobs: await configuredTestJobs(t, sql, config) });
  const { channel } = await addTestChannel(sql, whatsAppChannel('Sales', WHATSAPP_NUMBER), { directories: [channels] });
  const sales = channel.id;
  await registerEndpoint(
    sql,
    endpointPolicy(config.endpoints),
    { url: receiver.url('/events'), events: 'message.received' },
    TEST_BY,
  );

  for (const [number, id] of [
    [WHATSAPP_NUMBER, 'wamid.BODY-ROUTED'],
    ['999000111222333', 'wamid.BODY-UNROUTED'],
  ] as const) {
    const body = whatsAppTextToNumber(number, id, T, id);
    t.equal((await postWebhook(app, 'whatsapp', body, channelSigning('whatsapp', CHANNEL_APP_SECRET))).statusCode, 200);
  }
  const bodies = await waitFor('both events delivered', async () => {
    const received = receiver.at('/events');
    return received.length === 2 && received.map((d) => JSON.parse(d.body));
  });
  const byId = (id: string) => bodies.find((b) => b.data.message.externalId === id);
  t.match(byId('wamid.BODY-ROUTED').data, {
    conversation: { channelId: sales, channel: { id: sales, name: 'Sales', platform: 'whatsapp', removed: false } },
    message: { channelId: sales },
  });
  t.match(byId('wamid.BODY-UNROUTED').data, {
    conversation: { channelId: null, channel: null },
    message: { channelId: null },
  });
});
