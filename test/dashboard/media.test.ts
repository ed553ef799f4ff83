import t from 'tap';
import { postWebhook } from '../helpers/app.js';
import { AGENT_PASSWORD } from '../helpers/auth.js';
import { openBrowserPage, screenshot } from '../helpers/browser.js';
import { GRAPH_VERSION } from '../helpers/fake-media-api.js';
import { startMediaDashboard } from '../helpers/media-dashboard.js';
import { oggOpusVoiceNote, pngImage } from '../helpers/media-files.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppMediaBody } from '../helpers/webhook-bodies.js';
import { waitUntilProcessed } from '../helpers/worker.js';

t.test(
  "an agent sees a customer's photo inline and plays their voice note as they arrive, and reads why a file is missing",
  async (t) => {
    const { sql, app, address, api } = await startMediaDashboard(t);

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
