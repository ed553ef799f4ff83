import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { endpointPolicy } from '../../src/endpoints/endpoint-policy.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestAgent } from '../helpers/auth.js';
import { logInOnDashboard, openBrowserPage, screenshot } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { startEndpointReceiver } from '../helpers/endpoint-receiver.js';
import { configuredTestJobs } from '../helpers/jobs.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

t.test(
  'an admin adds an endpoint on the Endpoints screen, reads its delivery log, disables, re-enables and removes it',
  async (t) => {
    t.setTimeout(180_000);
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const receiver = await startEndpointReceiver(t);
    const config = loadConfig({ ENDPOINT_PRIVATE_HOSTS: `127.0.0.1:${receiver.port}`, ENDPOINT_TIMEOUT_MS: '2000' });
    const { app } = await createTestApp(t, { sql, queue, endpointPolicy: endpointPolicy(config.endpoints) });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    startTestWorker(t, sql, queue, { jobs: await configuredTestJobs(t, sql, config) });
    await createTestAgent(sql, 'admin@example.com', 'admin');
    const url = receiver.url('/omni');
    const storedEndpoint = async () =>
      (
        await sql<{ enabled: boolean; disabled_reason: string | null }[]>`
        select enabled, disabled_reason from endpoints where url = ${url}`
      )[0];

    const page = await openBrowserPage(t);
    await logInOnDashboard(page, address, 'admin@example.com');
    await page.click('#show-endpoints');
    await page.waitForURL(`${address}/admin/endpoints`);
    await page.locator('#endpoints .empty').waitFor();

    const form = page.locator('#add-endpoint');
    await form.getByLabel('URL').fill(url);
    await form.getByLabel('message.received').check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await page.locator('#endpoints-note', { hasText: `Added ${url}.` }).waitFor();
    const secret = await page.getByLabel(`The signing secret of ${url}`).inputValue();
    t.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/, 'the signing secret is shown once');
    t.same(await storedEndpoint(), { enabled: true, disabled_reason: null }, 'subscribed');

    const row = page.locator('#endpoint-rows tr', { hasText: url });
    t.equal(await row.locator('.state').textContent(), 'enabled');
    await page.getByRole('button', { name: `Delivery log ${url}` }).click();
    await page.locator('#delivery-log .empty').waitFor();

    // A customer writes; the worker delivers the event to the receiver and logs the attempt.
    t.equal((await postWebhook(app, 'whatsapp', whatsAppTextBody('wamid.DASH-EP', 1749416383, 'hi'))).statusCode, 200);
    await waitUntilProcessed(sql, ['wamid.DASH-EP']);
    await waitFor('the delivery logged', async () => (await sql`select 1 from endpoint_deliveries`).length === 1);
    t.equal(receiver.at('/omni').length, 1, 'the receiver got it');
    await page.click('#refresh-deliveries');
    const delivery = page.locator('#delivery-rows tr', { hasText: 'message.received' });
    await delivery.waitFor();
    t.equal(await delivery.locator('.outcome').textContent(), 'delivered (200)');
    t.ok(
      (await delivery.textContent())?.includes(String(receiver.at('/omni')[0]?.headers['webhook-id'])),
      'the log names the webhook-id the receiver got',
    );
    await screenshot(page, 'endpoints-admin');

    await page.getByRole('button', { name: `Disable ${url}` }).click();
    await page.locator('#endpoints-note', { hasText: `Disabled ${url}.` }).waitFor();
    t.equal(await row.locator('.state').textContent(), 'disabled: disabled by admin@example.com');
    t.same(await storedEndpoint(), { enabled: false, disabled_reason: 'disabled by admin@example.com' });

    await page.getByRole('button', { name: `Enable ${url}` }).click();
    await page.locator('#endpoints-note', { hasText: `Enabled ${url}.` }).waitFor();
    t.equal(await row.locator('.state').textContent(), 'enabled');
    t.same(await storedEndpoint(), { enabled: true, disabled_reason: null }, 'enabled again');

    await page.reload();
    await row.waitFor();
    t.equal(await page.locator('#new-endpoint').count(), 0, 'after a reload the secret is gone');
    t.notOk((await page.content()).includes(secret), 'nowhere on the page');

    await page.getByRole('button', { name: `Remove ${url}` }).click();
    await page.locator('#endpoints-note', { hasText: `Removed ${url}` }).waitFor();
    t.equal(await row.count(), 0, 'its row is gone');
    t.equal(await storedEndpoint(), undefined, 'and the endpoint with it');
  },
);
