import t from 'tap';
import { screenshot } from '../helpers/browser.js';
import { openSheenaConversation } from '../helpers/reply-dashboard.js';
import { whatsAppStatusBody } from '../helpers/webhook-bodies.js';

// Three browser sessions, each with a real worker: more than tap's default file timeout on a busy machine.
t.setTimeout(300_000);

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

t.test('an agent replies from the dashboard and watches the ticks advance as status webhooks arrive', async (t) => {
  const { stack, page } = await openSheenaConversation(
    t,
    'wamid.DASH-REPLY-IN',
    nowSeconds(),
    'Can I change the size?',
  );

  // The platform takes its time answering, so the reply is seen queued first.
  stack.fake.answerNext(/\/messages$/, { delayMs: 1500 });
  await page.fill('#reply textarea', 'Of course, which size?');
  await page.click('#reply button[type=submit]');
  const reply = page.locator('.message.outbound', { hasText: 'Of course, which size?' });
  await reply.locator('.tick.queued').waitFor();
  t.pass('shown at once, queued');
  await reply.locator('.tick.sent').waitFor();
  t.equal(await reply.locator('.tick').textContent(), '✓');
  t.equal(await page.inputValue('#reply textarea'), '', 'the box is cleared');

  const wamid = stack.fake.requests.at(-1)!.answer.messages[0].id as string;
  t.equal(stack.fake.requests.at(-1)!.body.text.body, 'Of course, which size?');
  await stack.deliver('whatsapp', whatsAppStatusBody({ id: wamid, status: 'delivered', timestamp: nowSeconds() }), [
    `${wamid}:status:delivered`,
  ]);
  await reply.locator('.tick.delivered').waitFor();
  await stack.deliver('whatsapp', whatsAppStatusBody({ id: wamid, status: 'read', timestamp: nowSeconds() + 1 }), [
    `${wamid}:status:read`,
  ]);
  await reply.locator('.tick.read').waitFor();
  t.equal(await reply.locator('.tick').textContent(), '✓✓');
  await screenshot(page, '3-reply-read');

  stack.fake.answerNext(/\/messages$/, {
    status: 400,
    body: {
      error: {
        message: '(#131026) Message Undeliverable',
        type: 'OAuthException',
        code: 131026,
        error_data: { messaging_product: 'whatsapp', details: 'Message Undeliverable.' },
      },
    },
  });
  await page.fill('#reply textarea', 'Hello?');
  await page.click('#reply button[type=submit]');
  const failed = page.locator('.message.outbound', { hasText: 'Hello?' }).locator('.tick.failed');
  await failed.waitFor();
  t.match(
    await failed.getAttribute('title'),
    /^failed: whatsapp messages: Message Undeliverable\. \(131026\)/,
    'the reason is shown',
  );

  // A second submit while the first is in flight sends nothing: the dashboard's POST is held until
  // the button has been seen disabled and the form forced to submit again.
  let posts = 0;
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/conversations/*/messages', async (route) => {
    if (route.request().method() === 'POST') {
      posts++;
      await held;
    }
    await route.continue();
  });
  await page.fill('#reply textarea', 'Only once');
  await page.click('#reply button[type=submit]');
  await page.locator('#reply button[type=submit][disabled]').waitFor();
  await page.evaluate("document.querySelector('#reply').requestSubmit()");
  release();
  await page.locator('.message.outbound', { hasText: 'Only once' }).waitFor();
  // A sentinel: a second send of the first text would have been asked before this one.
  await page.fill('#reply textarea', 'And then this');
  await page.click('#reply button[type=submit]');
  await page.locator('.message.outbound', { hasText: 'And then this' }).waitFor();
  t.equal(posts, 2, 'one POST for each send, none for the second submit');
  t.equal(await page.locator('.message.outbound', { hasText: 'Only once' }).count(), 1, 'shown once');
});

t.test("a reply the platform's rules forbid is refused in the reply box with the reason", async (t) => {
  // Last customer message in June 2025: WhatsApp's 24-hour window has long closed.
  const { stack, page } = await openSheenaConversation(t, 'wamid.DASH-OLD-IN', 1749416383, 'Old question');
  await page.fill('#reply textarea', 'Sorry for the wait');
  await page.click('#reply button[type=submit]');
  await page.locator('#reply-error', { hasText: 'WhatsApp allows only a template' }).waitFor();
  t.equal(await page.locator('.message.outbound').count(), 0, 'nothing was queued');
  t.equal(stack.fake.requests.length, 0);
});

t.test(
  'an agent attaches a picture in the reply box and it goes out as a WhatsApp upload with the text as its caption',
  async (t) => {
    const { stack, page } = await openSheenaConversation(t, 'wamid.DASH-FILE-IN', nowSeconds(), 'What colour is it?');

    await page.setInputFiles('#reply input[type=file]', { name: 'blue.png', mimeType: 'image/png', buffer: PNG });
    await page.fill('#reply textarea', 'This blue');
    await page.click('#reply button[type=submit]');
    await page.locator('.message.outbound', { hasText: 'This blue' }).locator('.tick.sent').waitFor();
    const [media, message] = stack.fake.requests;
    t.match(media!.path, /\/media$/);
    t.match(media!.body.file, { filename: 'blue.png', type: 'image/png' });
    t.ok(PNG.equals(media!.body.file.bytes), 'the fake WhatsApp API received the very bytes attached');
    t.same(message!.body.image, { id: media!.answer.id, caption: 'This blue' });
    t.equal(await page.inputValue('#reply textarea'), '', 'the box is cleared');
    t.equal(
      await page
        .locator('#reply input[type=file]')
        .evaluate((input) => (input as unknown as { files: { length: number } }).files.length),
      0,
      'and the file with it',
    );
  },
);
