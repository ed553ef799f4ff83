import t from 'tap';
import { AGENT_PASSWORD, createTestAgent } from '../helpers/auth.js';
import { openBrowserPage, screenshot } from '../helpers/browser.js';
import { startTwoChannelDashboard } from '../helpers/dashboard-stack.js';
import { WHATSAPP_NUMBER } from '../helpers/webhook-bodies.js';

const T = 1749416383;
// A login, two conversations, a reload and four screens in Chromium on a loaded machine.
t.setTimeout(300_000);

t.test(
  "an agent opens a conversation by its address through the login, reads each row's contact and channel, and moves back and forth in the browser's history",
  async (t) => {
    const { sql, address, deliverTexts, ...channelIds } = await startTwoChannelDashboard(t);
    await createTestAgent(sql);
    // The same customer writes to both numbers: a conversation in each channel.
    await deliverTexts(
      [
        [WHATSAPP_NUMBER, 'wamid.ROUTE-SALES', 'Is the blue one in stock?'],
        ['555', 'wamid.ROUTE-SUPPORT', 'My order is late'],
      ],
      T,
    );
    const [ids] = await sql<{ sales: string; support: string }[]>`
      select (select id from conversations where channel_id = ${channelIds.sales}) as sales,
        (select id from conversations where channel_id = ${channelIds.support}) as support`;
    const [sales, support] = [Number(ids!.sales), Number(ids!.support)];

    const page = await openBrowserPage(t, 30_000);
    await page.goto(`${address}/conversations/${sales}`);
    await page.waitForURL('**/login');
    await page.fill('input[name=email]', 'agent@example.com');
    await page.fill('input[name=password]', AGENT_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`**/conversations/${sales}`);
    await page.locator('.message .text', { hasText: 'Is the blue one in stock?' }).waitFor();
    t.pass('the login leads back to the address opened');
    await page.locator('#conversation-title', { hasText: 'Sales' }).waitFor();
    t.equal(await page.textContent('#conversation-title'), 'Sheena Nelson · whatsapp · Sales');
    t.match(await page.locator('#messages .day').allTextContents(), [/2025/], 'its messages under their day');

    const row = page.locator(`.conversation[data-id="${support}"]`);
    await row.waitFor();
    t.equal(await row.locator('.contact').textContent(), 'Sheena Nelson', 'the row names the contact');
    t.equal(await row.locator('.avatar').textContent(), 'SN', 'with her initials as avatar');
    t.equal(await row.locator('.platform').textContent(), 'whatsapp · Support', "and the channel's name");
    t.equal(await row.locator('.platform-mark.whatsapp').count(), 1, "beside the platform's mark");
    t.equal(await row.locator('.preview').textContent(), 'My order is late', 'and the last message');
    await screenshot(page, 'inbox');

    await row.click();
    await page.waitForURL(`**/conversations/${support}`);
    await page.locator('.message .text', { hasText: 'My order is late' }).waitFor();
    await page.goBack();
    await page.waitForURL(`**/conversations/${sales}`);
    await page.locator('.message .text', { hasText: 'Is the blue one in stock?' }).waitFor();
    t.pass('back returns to the conversation before');
    await page.reload();
    await page.locator('.message .text', { hasText: 'Is the blue one in stock?' }).waitFor();
    t.pass('and a reload keeps it open');

    await page.goto(`${address}/admin/users`);
    await page.locator('#user-rows tr', { hasText: 'agent@example.com' }).waitFor();
    t.equal(await page.getAttribute('#show-users', 'aria-pressed'), 'true', 'the users screen opens by its address');
    await page.click('#show-inbox');
    await page.waitForURL(`${address}/`);
    await page.locator(`.conversation[data-id="${sales}"]`).waitFor();

    await page.emulateMedia({ colorScheme: 'dark' });
    // The page's DOM types are not in this project's lib: the window is read as what it is at runtime.
    const background = await page
      .locator('body')
      .evaluate((body) => (globalThis as any).getComputedStyle(body).backgroundColor as string);
    t.equal(background, 'rgb(13, 17, 23)', 'a browser that prefers dark gets the dark colours');
    await screenshot(page, 'inbox-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.goto(`${address}/conversations/999999`);
    await page.locator('#conversation-title', { hasText: 'not found' }).waitFor();
    t.pass('an unknown conversation says so');
  },
);
