import t, { type Test } from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { createConfiguredMediaStore } from '../../src/media/configured-media-store.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelSigning, createTestApp, postWebhook, TEST_SECRETS } from '../helpers/app.js';
import { addTestChannel, CHANNEL_APP_SECRET, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakeMediaApi, WHATSAPP_TOKEN } from '../helpers/fake-media-api.js';
import { configuredTestJobs } from '../helpers/jobs.js';
import { pngImage } from '../helpers/media-files.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { WHATSAPP_NUMBER, whatsAppMediaBody } from '../helpers/webhook-bodies.js';
import { startTestWorker } from '../helpers/worker.js';

/** The media stack with channels: `environment` gives the WhatsApp `default` channel (the catch-all) the media token. */
async function mediaStack(t: Test, environment: boolean) {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const api = await startFakeMediaApi(t);
  const dataDir = await mkdtemp(join(tmpdir(), 'omni-media-channels-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    OMNI_DATA_DIR: dataDir,
    GRAPH_API_BASE_URL: api.origin,
    MEDIA_PRIVATE_HOSTS: api.host,
    ...(environment ? { WHATSAPP_ACCESS_TOKEN: WHATSAPP_TOKEN } : {}),
  });
  const platforms = environment ? { whatsapp: TEST_SECRETS.whatsapp } : {};
  const { app, channels } = await createTestApp(t, {
    sql,
    queue,
    platforms,
    mediaStore: createConfiguredMediaStore(config),
  });
  const jobs = await configuredTestJobs(t, sql, config, { platforms });
  startTestWorker(t, sql, queue, { jobs });
  // The fixture's number holds the channel; its token is the one the fake media API takes.
  const brazil = { ...whatsAppChannel('Brazil', WHATSAPP_NUMBER), accessToken: WHATSAPP_TOKEN };
  await addTestChannel(sql, brazil, { directories: [channels] });
  /** Posts an image to `number`, signed by Brazil's app (or the environment's), and answers its attachment once settled. */
  const deliver = async (number: string, id: string, signing = channelSigning('whatsapp', CHANNEL_APP_SECRET)) => {
    api.whatsAppMedia(`media-${id}`, pngImage(), 'image/png');
    const body = whatsAppMediaBody(id, 'image', { mime_type: 'image/png', id: `media-${id}` }) as any;
    body.entry[0].changes[0].value.metadata.phone_number_id = number;
    t.equal((await postWebhook(app, 'whatsapp', body, signing)).statusCode, 200);
    return waitFor(`${id}'s attachment settled`, async () => {
      const [row] = await sql<{ state: string; failure_reason: string | null }[]>`
        select a.state, a.failure_reason from attachments a join messages m on m.id = a.message_id
        where m.external_id = ${id}`;
      return row && row.state !== 'pending' ? row : undefined;
    });
  };
  return { deliver, api };
}

t.test("an attachment is downloaded with its message's channel's token", async (t) => {
  const { deliver } = await mediaStack(t, false);
  t.match(
    await deliver(WHATSAPP_NUMBER, 'wamid.MC-ROUTED'),
    { state: 'stored' },
    'no environment token: the channel’s',
  );
});

t.test("an unrouted message's media fails for good, saying why, even with a catch-all channel", async (t) => {
  // Signed by Brazil's app for a number Brazil does not hold: no channel verified it, the catch-all included.
  for (const environment of [false, true]) {
    const { deliver, api } = await mediaStack(t, environment);
    const id = `wamid.MC-UNROUTED-${environment}`;
    t.match(await deliver('999000', id), { state: 'failed', failure_reason: /unrouted: no whatsapp channel verified/ });
    t.notOk(
      api.requests.some((r) => r.path.includes(`media-${id}`)),
      'the platform was not asked',
    );
  }
});

t.test("a message the environment's catch-all took is downloaded with its token", async (t) => {
  const { deliver } = await mediaStack(t, true);
  t.match(await deliver('999000', 'wamid.MC-CATCH-ALL', TEST_SECRETS), { state: 'stored' });
});
