import t from 'tap';
import { screenshot } from '../helpers/browser.js';
import { openSheenaConversation } from '../helpers/reply-dashboard.js';
import { giveDefaultChannelWaba, storeTemplate, TEMPLATE_COMPONENTS } from '../helpers/templates.js';

// Three browser sessions, each with a real worker: more than tap's default file timeout on a busy machine.
t.setTimeout(300_000);

const nowSeconds = () => Math.floor(Date.now() / 1000);

t.test('typing / in the reply box opens the canned responses; the keys pick one, and it is sent', async (t) => {
  const { stack, page } = await openSheenaConversation(
    t,
    'wamid.CANNED-IN',
    nowSeconds(),
    'When are you open?',
    async (stack) => {
      for (const [shortcode, text] of [
        ['hours', 'We are open from 9 to 5, Monday to Friday.'],
        ['holidays', 'We are closed on public holidays.'],
        ['thanks', 'Thank you for writing to us!'],
      ]) {
        const created = await stack.app.inject({
          method: 'POST',
          url: '/api/canned-responses',
          headers: { authorization: stack.authorization },
          payload: { shortcode, text },
        });
        if (created.statusCode !== 201) throw new Error(created.body);
      }
    },
  );
  const box = page.locator('#reply textarea');
  const list = page.getByRole('listbox', { name: 'Canned responses' });
  const options = list.getByRole('option');
  const highlighted = async () => {
    const id = await box.getAttribute('aria-activedescendant');
    return id && (await page.locator(`[id="${id}"]`).textContent());
  };

  await box.pressSequentially('/');
  await list.waitFor();
  t.same(await options.locator('.canned-shortcode').allTextContents(), ['/holidays', '/hours', '/thanks']);
  t.equal(await box.getAttribute('aria-controls'), 'canned-list');

  await box.pressSequentially('ho');
  await options.nth(2).waitFor({ state: 'detached' });
  t.same(await options.locator('.canned-shortcode').allTextContents(), ['/holidays', '/hours'], 'filtered as typed');
  t.match(await highlighted(), /^\/holidays/, 'the first is highlighted');
  await box.press('ArrowDown');
  t.match(await highlighted(), /^\/hours/);
  t.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
  await box.press('ArrowDown');
  t.match(await highlighted(), /^\/holidays/, 'down from the last wraps to the first');
  await box.press('ArrowUp');
  t.match(await highlighted(), /^\/hours/, 'and up from the first to the last');
  await screenshot(page, 'canned-picker');

  await box.press('Escape');
  await list.waitFor({ state: 'detached' });
  t.equal(await box.inputValue(), '/ho', 'escape shuts the picker and keeps the text');
  t.equal(await box.getAttribute('aria-activedescendant'), null);
  await box.pressSequentially('u');
  await list.waitFor();
  t.same(await options.locator('.canned-shortcode').allTextContents(), ['/hours'], 'typing opens it again');

  await box.press('Enter');
  await list.waitFor({ state: 'detached' });
  t.equal(await box.inputValue(), 'We are open from 9 to 5, Monday to Friday.', 'enter inserts the text');
  await page.click('#reply button[type=submit]');
  await page.locator('.message.outbound', { hasText: 'We are open from 9 to 5' }).locator('.tick.sent').waitFor();
  t.equal(stack.fake.requests.at(-1)!.body.text.body, 'We are open from 9 to 5, Monday to Friday.');
  t.equal(await box.inputValue(), '', 'the box is cleared');
});

t.test(
  "outside WhatsApp's 24-hour window the reply box offers the templates, asks for their parameters and sends one",
  async (t) => {
    // Last customer message in June 2025: the window has long closed.
    const { stack, page } = await openSheenaConversation(
      t,
      'wamid.TEMPLATE-IN',
      1749416383,
      'Where is my parcel?',
      async ({ sql, channels }) => {
        await giveDefaultChannelWaba(sql, channels, 'WABA-DASH');
        await storeTemplate(sql, {
          wabaId: 'WABA-DASH',
          name: 'order_update',
          language: 'en_US',
          components: [TEMPLATE_COMPONENTS.positionalBody, TEMPLATE_COMPONENTS.buttons],
        });
        await storeTemplate(sql, {
          wabaId: 'WABA-DASH',
          name: 'summer_sale',
          language: 'en_US',
          status: 'PAUSED',
          components: [],
        });
        await storeTemplate(sql, {
          wabaId: 'WABA-ELSEWHERE',
          name: 'other_waba',
          language: 'en_US',
          components: [],
        });
      },
    );
    const form = page.locator('#template-reply');
    await form.locator('#template-window', { hasText: 'WhatsApp takes only a template' }).waitFor();
    const select = form.getByLabel('Template');
    await select.locator('option', { hasText: 'order_update (en_US)' }).waitFor({ state: 'attached' });
    t.same(
      await select.locator('option').allTextContents(),
      ['Choose a template', 'order_update (en_US)'],
      "only the channel's WABA's approved templates",
    );

    await select.selectOption({ label: 'order_update (en_US)' });
    await form.getByLabel('Body {{1}}').fill('Sheena');
    await form.getByLabel('Body {{2}}').fill('#2001');
    t.equal(
      await form.getByLabel("Button 2: the link's ending").getAttribute('placeholder'),
      'https://shop.example.com/track/1042',
    );
    await form.getByLabel("Button 2: the link's ending").fill('2001');
    await form.locator('#template-preview', { hasText: 'Hi Sheena, your order #2001 is on its way.' }).waitFor();
    await screenshot(page, 'template-picker');
    await form.getByRole('button', { name: 'Send template' }).click();

    await page.locator('.message.outbound .tick.sent').waitFor();
    const sent = stack.fake.requests.at(-1)!;
    t.match(sent.path, /\/messages$/);
    t.same(sent.body.type, 'template');
    t.same(sent.body.template, {
      name: 'order_update',
      language: { code: 'en_US' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Sheena' },
            { type: 'text', text: '#2001' },
          ],
        },
        { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: '2001' }] },
      ],
    });
    t.equal(await form.getByLabel('Template').inputValue(), '', 'the picker is ready for the next');
  },
);

t.test('an attached file uploads with a progress bar that fills up, then is sent', async (t) => {
  const { stack, page } = await openSheenaConversation(t, 'wamid.PROGRESS-IN', nowSeconds(), 'Send me the photo');
  // Chromium's network emulation slows the upload to 1 MB/s, so its progress shows along the way.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 1024 * 1024,
  });
  // A PNG's signature and header, padded to 3 MB: sniffed as image/png, under WhatsApp's 5 MB for images.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  const bytes = Buffer.concat([png, Buffer.alloc(3 * 1024 * 1024 - png.length)]);
  await page.setInputFiles('#reply input[type=file]', { name: 'photo.png', mimeType: 'image/png', buffer: bytes });
  await page.click('#reply button[type=submit]');

  const bar = page.getByRole('progressbar', { name: 'Uploading photo.png' });
  await bar.waitFor();
  await bar.evaluate(
    (progress: any) =>
      new Promise<void>((resolve) => {
        // Resolves once the bar shows a part of the upload done: more than nothing, less than all.
        const partWay = () => progress.value > 0 && progress.value < progress.max;
        if (partWay()) return resolve();
        new progress.ownerDocument.defaultView.MutationObserver((_: unknown, observer: any) => {
          if (!partWay()) return;
          observer.disconnect();
          resolve();
        }).observe(progress, { attributes: true });
      }),
  );
  t.pass('the bar shows the upload part way');
  await screenshot(page, 'upload-progress');
  const done = page.getByRole('progressbar', { name: 'photo.png uploaded' });
  await done.waitFor();
  t.equal(await done.evaluate((progress: any) => progress.value === progress.max), true, 'full');
  await page.locator('.message.outbound .tick.sent').waitFor();
  const [media] = stack.fake.requests;
  t.match(media!.path, /\/media$/);
  t.equal(media!.body.file.bytes.length, bytes.length, 'the whole file reached WhatsApp');
});
