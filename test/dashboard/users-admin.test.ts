import t from 'tap';
import { createTestApp } from '../helpers/app.js';
import { createTestAgent } from '../helpers/auth.js';
import { logInOnDashboard, openBrowserPage, screenshot } from '../helpers/browser.js';
import { addTestChannel, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import type { SqlPool } from '../../src/store/database.js';
import { WHATSAPP_NUMBER } from '../helpers/webhook-bodies.js';

const NEW_AGENT = 'new.agent@example.com';

/** The user as the database holds it: its role, whether it is disabled, its channels' ids. */
async function storedUser(sql: SqlPool, email: string) {
  const [user] = await sql<{ role: string; disabled: boolean; channelIds: number[] }[]>`
    select role, disabled_at is not null as disabled,
      array(select channel_id from agent_channels where agent_id = agents.id order by channel_id)::int[] as "channelIds"
    from agents where email = ${email}`;
  return user;
}

t.test(
  'an admin adds an agent of Sales on the Users screen, moves it to Support, makes it an admin and disables it',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app, channels } = await createTestApp(t, { sql, queue, liveEvents: true, platforms: {} });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const sales = (await addTestChannel(sql, whatsAppChannel('Sales', WHATSAPP_NUMBER), { directories: [channels] }))
      .channel.id;
    const support = (await addTestChannel(sql, whatsAppChannel('Support', '555'), { directories: [channels] })).channel
      .id;
    await createTestAgent(sql, 'admin@example.com', 'admin');

    const page = await openBrowserPage(t);
    await logInOnDashboard(page, address, 'admin@example.com');
    await page.click('#show-users');
    await page.locator('#user-rows tr', { hasText: 'admin@example.com' }).waitFor();

    const form = page.locator('#add-user');
    const note = (text: string) => page.locator('#users-note', { hasText: text }).waitFor();
    await form.locator('input[name=email]').fill(NEW_AGENT);
    await form.locator('input[name=name]').fill('New Agent');
    await form.locator('select[name=role]').selectOption('agent');
    await form.locator('input[name=password]').fill('a long enough password');
    await form.getByLabel('Sales · whatsapp').check();
    await form.locator('button[type=submit]').click();
    // Each note is drawn from the API's answer, so once it shows, the database holds the change.
    await note(`Added ${NEW_AGENT} (agent; Sales · whatsapp).`);
    t.same(
      await storedUser(sql, NEW_AGENT),
      { role: 'agent', disabled: false, channelIds: [sales] },
      'added, in Sales',
    );

    const row = page.locator('#user-rows tr', { hasText: NEW_AGENT });
    t.ok(await row.getByLabel('Sales · whatsapp').isChecked(), 'its row shows its channel');
    await row.getByLabel('Sales · whatsapp').uncheck();
    await row.getByLabel('Support · whatsapp').check();
    await row.getByRole('button', { name: 'Save' }).click();
    await note(`Saved ${NEW_AGENT} (agent; Support · whatsapp).`);
    t.same(
      await storedUser(sql, NEW_AGENT),
      { role: 'agent', disabled: false, channelIds: [support] },
      'moved to Support',
    );

    await row.locator('select[name=role]').selectOption('admin');
    await row.getByRole('button', { name: 'Save' }).click();
    await note(`Saved ${NEW_AGENT} (admin; Support · whatsapp).`);
    t.same(await storedUser(sql, NEW_AGENT), { role: 'admin', disabled: false, channelIds: [support] }, 'an admin now');

    await row.getByRole('button', { name: 'Disable' }).click();
    await note(`Disabled ${NEW_AGENT} (admin, disabled; Support · whatsapp).`);
    t.same(await storedUser(sql, NEW_AGENT), { role: 'admin', disabled: true, channelIds: [support] }, 'disabled');
    t.equal(await row.locator('.state').textContent(), 'disabled', 'its row says so');
    t.ok(await row.getByRole('button', { name: 'Enable' }).isVisible(), 'and offers to enable it again');

    // When the API refuses, its reason shows as text.
    await form.locator('input[name=email]').fill(NEW_AGENT);
    await form.locator('input[name=name]').fill('Someone Else');
    await form.locator('input[name=password]').fill('another long password');
    await form.locator('button[type=submit]').click();
    await page.locator('#users-error', { hasText: `a user already has the email ${NEW_AGENT}` }).waitFor();
    t.equal(await page.locator('#users-note').textContent(), '', 'the last success is no longer announced');
    await screenshot(page, 'users-admin');
  },
);
