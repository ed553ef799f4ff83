import t from 'tap';
import { createTestApp } from '../helpers/app.js';
import { createTestAgent } from '../helpers/auth.js';
import { logInOnDashboard, openBrowserPage, screenshot } from '../helpers/browser.js';
import { addTestChannel, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { WHATSAPP_NUMBER } from '../helpers/webhook-bodies.js';

t.test(
  'an admin creates an agent token on the API tokens screen, sees it once, and revokes it: the API then refuses it',
  async (t) => {
    t.setTimeout(120_000);
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app, channels } = await createTestApp(t, { sql, queue, platforms: {} });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const sales = (await addTestChannel(sql, whatsAppChannel('Sales', WHATSAPP_NUMBER), { directories: [channels] }))
      .channel.id;
    await createTestAgent(sql, 'admin@example.com', 'admin');
    const asToken = (token: string) =>
      fetch(`${address}/api/conversations`, { headers: { authorization: `Bearer ${token}` } });

    const page = await openBrowserPage(t);
    await logInOnDashboard(page, address, 'admin@example.com');
    await page.click('#show-tokens');
    await page.waitForURL(`${address}/admin/tokens`);
    await page.locator('#tokens .empty').waitFor();

    const form = page.locator('#add-token');
    await form.getByLabel('Name').fill('crm-sync');
    await form.getByLabel('Role').selectOption('agent');
    await form.getByLabel('Sales · whatsapp').check();
    await form.getByRole('button', { name: 'Create token' }).click();
    // The note is drawn from the API's answer, so once it shows, the database holds the token.
    await page.locator('#tokens-note', { hasText: 'Created crm-sync.' }).waitFor();
    const secret = await page.getByLabel('The token of crm-sync').inputValue();
    t.match(secret, /^omt_[A-Za-z0-9_-]{43}$/, 'the token is shown');
    const [stored] = await sql<{ role: string; channel_ids: string[] }[]>`
      select role, array(select channel_id from api_token_channels where token_id = t.id) as channel_ids
      from api_tokens t where name = 'crm-sync' and revoked_at is null`;
    t.same(stored, { role: 'agent', channel_ids: [String(sales)] }, 'an agent token of Sales');
    t.equal((await asToken(secret)).status, 200, 'and it works on the API');

    const row = page.locator('#token-rows tr', { hasText: 'crm-sync' });
    t.same(
      (await row.locator('td').allTextContents()).slice(0, 3),
      ['crm-sync', 'agent', 'Sales · whatsapp'],
      'its row: name, role, channels',
    );
    await screenshot(page, 'tokens-admin');

    await page.reload();
    await row.waitFor();
    t.equal(await page.locator('#new-token').count(), 0, 'after a reload the token is gone');
    t.notOk((await page.content()).includes(secret), 'nowhere on the page');

    await page.getByRole('button', { name: 'Revoke crm-sync' }).click();
    await page.locator('#tokens-note', { hasText: 'Revoked crm-sync' }).waitFor();
    t.equal(await row.count(), 0, 'its row is gone');
    t.equal((await asToken(secret)).status, 401, 'the revoked token gets 401 from the API');

    // When the API refuses, its reason shows as text: an agent token needs a channel.
    await form.getByLabel('Name').fill('no-channels');
    await form.getByLabel('Role').selectOption('agent');
    await form.getByRole('button', { name: 'Create token' }).click();
    await page.locator('#tokens-error', { hasText: 'channelIds is required for an agent token' }).waitFor();
    t.equal(await page.locator('#tokens-note').textContent(), '', 'the last success is no longer announced');
  },
);
