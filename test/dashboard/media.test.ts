import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { configuredTestJobs } from '../helpers/jobs.js';
import { createConfiguredMediaStore } from '../../src/media/configured-media-store.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { AGENT_PASSWORD, createTestAgent } from '../helpers/auth.js';
import { openBrowserPage, screenshot } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { GRAPH_VERSION, startFakeMediaApi, WHATSAPP_TOKEN } from '../helpers/fake-media-api.js';
import { oggOpusVoiceNote, pngImage } from '../helpers/media-files.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppMediaBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

t.test(
  "an agent sees a customer's photo inline and plays their voice note as they arrive, and reads why a file is missing",
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const api = await startFakeMediaApi(t);
    const dataDir = await mkdtemp(join(tmpdir(), 'omni-dashboard-media-'));
    t.teardown(() => rm(dataDir, { recursive: true, force: true }));
    const config = loadConfig({
      OMNI_DATA_DIR: dataDir,
      GRAPH_API_BASE_URL: api.origin,
      WHATSAPP_ACCESS_TOKEN: WHATSAPP_TOKEN,
      MEDIA_PRIVATE_HOSTS: api.host,
    });
    const mediaStore = createConfiguredMediaStore(config);
    const { app } = await createTestApp(t, { sql, queue, liveEvents: true, mediaStore });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    startTestWorker(t, sql, queue, { jobs: await configuredTestJobs(t, sql, config, { mediaStore }) });
    await createTestAgent(sql);

    api.whatsAppMedia('5500000000000001', pngImage(40, 30), 'image/png');
    api.whatsAppMedia('5500000000000002', oggOpusVoiceNote(2), 'audio/ogg; codecs=opus');
    api.on(`/${GRAPH_VERSION}/5500000000000003`, (_req, res) =>
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'Media not found', type: 'OAuthException', code: 100 } })),
    );
    /** Posts a signed webhook and waits for the real worker to process the message (not its media). */
    async function deliver(id: string, type: 'image' | 'audio' | 'document', media: Record<string, unknown>) {
      t.equal((await postWebhook(app, 'whatsapp', whatsAppMediaBody(id, type, media))).statusCode, 200);
      await waitUntilProcessed(sql, [id]);
    }
    await deliver('wamid.DASH-GONE', 'document', {
      filename: 'receipt.pdf',
      mime_type: 'application/pdf',
      id: '5500000000000003',
    });

    const page = await openBrowserPage(t);
    const mediaAnswers: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/media/')) mediaAnswers.push(response.status());
    });
    await page.goto(address);
    await page.fill('input[name=email]', 'agent@example.com');
    await page.fill('input[name=password]', AGENT_PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('.conversation', { hasText: 'Sheena Nelson' }).click();
    await page.locator('.message[data-kind="document"]').waitFor();
    // Sent while the agent watches: each message shows first, its media once the fetch job announces it.
    await deliver('wamid.DASH-PHOTO', 'image', {
      caption: 'The crack in the lid',
      mime_type: 'image/png',
      id: '5500000000000001',
    });
    await deliver('wamid.DASH-VOICE', 'audio', {
      mime_type: 'audio/ogg; codecs=opus',
      id: '5500000000000002',
      voice: true,
    });

    const image = page.locator('.message[data-kind="image"] img.attachment');
    await image.waitFor();
    // The page's DOM types are not in this project's lib: the elements are read as what they are at runtime.
    const width = await waitFor('the photo loaded', () =>
      image.evaluate((img: any) => (img.complete ? img.naturalWidth : 0)),
    );
    t.equal(width, 40, 'the stored photo loaded through /api/media');
    t.match(await page.locator('.message[data-kind="image"] .caption').textContent(), 'The crack in the lid');

    const audio = page.locator('.message[data-kind="voice"] audio.attachment');
    await audio.waitFor();
    // HAVE_METADATA (1) or better: the player fetched the file and read its duration.
    await waitFor("the voice note's metadata", () => audio.evaluate((node: any) => node.readyState >= 1));
    const duration: number = await audio.evaluate((node: any) => node.duration);
    t.ok(duration > 1.5 && duration < 2.5, `the voice note's metadata loaded (${duration} s)`);

    const failed = page.locator('.message[data-kind="document"] .attachment.failed');
    await failed.waitFor();
    t.match(
      await failed.textContent(),
      /document unavailable: Graph media 5500000000000003 answered 404: Media not found/,
    );

    t.ok(
      mediaAnswers.length >= 2 && mediaAnswers.every((status) => status === 200 || status === 206),
      `media answered ${mediaAnswers.join(', ')}`,
    );
    await screenshot(page, 'media-conversation');
  },
);
