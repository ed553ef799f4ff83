import t from 'tap';
import { checkAccessibility } from '../helpers/accessibility.js';
import { bearerHeaders, createTestAgent } from '../helpers/auth.js';
import { logInOnDashboard, openBrowserPage, screenshot } from '../helpers/browser.js';
import { asSheenasMessage, type FixtureEdit, fixtureDeliverer, SHEENA } from '../helpers/fixture-conversation.js';
import { startMediaDashboard } from '../helpers/media-dashboard.js';
import { oggOpusVoiceNote, pdfDocument, pngImage } from '../helpers/media-files.js';
import { startReplyStack } from '../helpers/replies.js';

/** A WhatsApp status capture, about the business's message `id` to Sheena. */
const statusOnSheenasMessage = (id: string): FixtureEdit => ({
  why: 'the status names the business’s message to Sheena above',
  edit: (body) => {
    const value = body.entry[0].changes[0].value;
    value.metadata = { display_phone_number: SHEENA.displayNumber, phone_number_id: SHEENA.phoneNumberId };
    Object.assign(value.statuses[0], { id, recipient_id: SHEENA.waId });
  },
});

t.test(
  'an agent reads a conversation as customers wrote it: quotes, reactions, edits, deletions, media, places and the person’s other conversations',
  async (t) => {
    t.setTimeout(180_000);
    const { sql, app, address, api } = await startMediaDashboard(t);
    const deliver = fixtureDeliverer(t, app, sql);

    // The media ids the captures name, served by the stand-in Graph API.
    api.whatsAppMedia('1003383421387256', pngImage(40, 30), 'image/jpeg');
    api.whatsAppMedia('731675419373506', Buffer.from('a video the test does not play'), 'video/mp4');
    api.whatsAppMedia('1908647269898587', oggOpusVoiceNote(2), 'audio/ogg; codecs=opus');
    api.whatsAppMedia('622684793477189', pdfDocument(), 'application/pdf');

    // Telegram: Mario, who later shares Sheena's number as his own (merged below), Lena's business
    // chat, and "Ciao" with its reactions (both captures are update 1: the second gets its own id).
    await deliver('telegram', 'telegram-contact-own-number');
    await deliver('telegram', 'telegram-business-message');
    await deliver('telegram', 'telegram-forward-origin-user');
    await deliver('telegram', 'telegram-message-reaction', {
      why: 'a second update has its own id',
      edit: (body) => {
        body.update_id = 2;
      },
    });

    // Sheena on WhatsApp: her question, a reply quoting it, a reaction on it, her media and a place.
    await deliver('whatsapp', 'whatsapp-text-basic');
    const quoting = asSheenasMessage('wamid.REPLY', 'the reply quotes her question', (m) => {
      m.context.id = SHEENA.textId;
    });
    await deliver('whatsapp', 'whatsapp-text-reply-context', quoting);
    const reacting = asSheenasMessage('wamid.REACTION', 'the reaction is on her question', (m) => {
      m.reaction.message_id = SHEENA.textId;
    });
    await deliver('whatsapp', 'whatsapp-reaction', reacting);
    for (const kind of ['image-caption', 'video-caption', 'audio-voice-note', 'document-caption', 'location-named']) {
      await deliver('whatsapp', `whatsapp-${kind}`, asSheenasMessage(`wamid.${kind}`, 'one message id per capture'));
    }
    const { authorization } = await bearerHeaders(sql);
    const contactOf = async (platform: string) =>
      Number((await sql<{ id: string }[]>`select id from contacts where platform = ${platform}`)[0]!.id);
    const merged = await app.inject({
      method: 'POST',
      url: `/api/contacts/${await contactOf('telegram')}/merge`,
      headers: { authorization },
      payload: { into: await contactOf('whatsapp') },
    });
    t.equal(merged.statusCode, 200, 'Mario on Telegram is Sheena’s person');

    const page = await openBrowserPage(t, 20_000);
    await logInOnDashboard(page, address, 'agent@example.com');
    await page.locator('.conversation', { hasText: 'Sheena Nelson' }).click();

    const question = page
      .locator('.message', { hasText: 'Does it come in another color?' })
      .filter({ hasNot: page.locator('.quote') });
    await question.locator('.reaction-chip', { hasText: '😮' }).waitFor();
    t.equal(await page.locator('.message[data-kind="reaction"]').count(), 0, 'the reaction shows on its message only');
    const reply = page.locator('.message', { hasText: 'replied text' });
    t.equal(
      await reply.locator('.quote .quoted').textContent(),
      'Does it come in another color?',
      'the reply quotes her question',
    );

    const image = page.locator('.message[data-kind="image"] img.attachment');
    await image.waitFor();
    t.equal(await image.getAttribute('alt'), 'image', 'the photo has its alt text');
    t.match(await page.locator('.message[data-kind="image"] .caption').textContent(), 'Taj Mahal');
    await page.locator('.message[data-kind="video"] video.attachment[controls]').waitFor();
    await page.locator('.message[data-kind="voice"] audio.attachment[controls]').waitFor();
    const documentLink = page.locator('.message[data-kind="document"] a.attachment.document');
    await documentLink.waitFor();
    t.match(await documentLink.textContent(), /^receipt\.pdf \(\d+ KB\)$/);
    t.equal(await documentLink.getAttribute('download'), 'receipt.pdf');
    t.match(await documentLink.getAttribute('href'), /^\/api\/media\/\d+$/);
    const place = page.locator('.message[data-kind="location"] a.location');
    t.equal(await place.textContent(), '📍 Philz Coffee');
    t.equal(
      await place.getAttribute('href'),
      'https://www.openstreetmap.org/?mlat=37.44221496582&mlon=-122.16165924072#map=16/37.44221496582/-122.16165924072',
      'the map is OpenStreetMap at the coordinates, never the link the customer sent',
    );

    await page.click('#show-contact');
    const contact = page.locator('#contact');
    await contact.locator('dd', { hasText: 'telegram 12345' }).waitFor();
    await screenshot(page, 'conversation');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await checkAccessibility(t, page, `a conversation with quotes, reactions, media and places, ${colorScheme}`);
    }
    const other = contact.locator('.other-conversation', { hasText: 'telegram' });
    t.equal(await other.count(), 1, 'the merged contact’s conversation is linked');
    await other.click();
    await page.locator('#conversation-title', { hasText: '12345 · telegram' }).waitFor();
    t.pass('the link opens the merged contact’s conversation');

    // Lena edits, then deletes, her question while the agent reads it.
    await page.locator('.conversation', { hasText: 'Ist das blaue Rad' }).click();
    const lena = page.locator('.message', { hasText: 'Ist das blaue Rad' });
    await lena.waitFor();
    await deliver('telegram', 'telegram-edited-business-message');
    await lena.locator('.edited-note').waitFor();
    t.equal(await lena.locator('.text').textContent(), 'Hallo! Ist das blaue Rad (28 Zoll) noch zu haben?');
    await deliver('telegram', 'telegram-deleted-business-messages');
    await lena.locator('.deleted-note').waitFor();
    t.ok(await lena.evaluate((node: any) => node.classList.contains('deleted')), 'the bubble is marked deleted');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await checkAccessibility(t, page, `an edited, then deleted message, ${colorScheme}`);
    }

    await page.locator('.conversation', { hasText: 'Ciao' }).click();
    const ciao = page.locator('.message', { hasText: 'Ciao' });
    await ciao.locator('.reaction-chip').first().waitFor();
    t.same(await ciao.locator('.reaction-chip').allTextContents(), ['❤️', '🤡'], 'Mario’s current reactions');
  },
);

t.test('the ticks of an agent’s reply move as captured status webhooks arrive', async (t) => {
  t.setTimeout(120_000);
  const stack = await startReplyStack(t);
  const address = await stack.app.listen({ port: 0, host: '127.0.0.1' });
  await createTestAgent(stack.sql);
  const deliver = fixtureDeliverer(t, stack.app, stack.sql);
  await deliver('whatsapp', 'whatsapp-text-basic', {
    why: 'she wrote just now: WhatsApp takes free-form replies only within 24 hours',
    edit: (body) => {
      body.entry[0].changes[0].value.messages[0].timestamp = String(Math.floor(Date.now() / 1000));
    },
  });

  const page = await openBrowserPage(t, 20_000);
  await logInOnDashboard(page, address, 'agent@example.com');
  await page.waitForSelector('#inbox[data-live="true"]');
  await page.locator('.conversation', { hasText: 'Sheena Nelson' }).click();
  await page.fill('#reply textarea', 'Yes, in blue and in green.');
  await page.click('#reply button[type=submit]');
  const reply = page.locator('.message.outbound', { hasText: 'Yes, in blue and in green.' });
  await reply.locator('.tick.sent', { hasText: '✓' }).waitFor();
  const wamid = stack.fake.requests.at(-1)!.answer.messages[0].id as string;

  await deliver('whatsapp', 'whatsapp-status-read', statusOnSheenasMessage(wamid));
  await reply.locator('.tick.read', { hasText: '✓✓' }).waitFor();
  t.equal(await reply.locator('.tick').getAttribute('title'), 'read');
  await deliver('whatsapp', 'whatsapp-status-failed-errors', statusOnSheenasMessage(wamid));
  await reply.locator('.tick.failed', { hasText: '✗' }).waitFor();
  t.match(
    await reply.locator('.tick').getAttribute('title'),
    /^failed: /,
    'a failure outranks the read, with its reason',
  );
});
