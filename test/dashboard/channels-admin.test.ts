// Issue 20's Channels screen, end to end: one `omni serve` (the built CLI) on the test's database,
// channels added beside it with `omni channel add`, a local fake Bot and Graph API, and an admin in
// Chromium listing, adding, editing (a secret replaced), disabling and registering a bot's webhook.
import t from 'tap';
import { recordChannelError } from '../../src/store/channels.js';
import { channelSigning, postWebhookTo } from '../helpers/app.js';
import { createTestAgent } from '../helpers/auth.js';
import { logInOnDashboard, openBrowserPage, screenshot } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakePlatformApi } from '../helpers/fake-platform-api.js';
import { runOmni } from '../helpers/omni-cli.js';
import { startSingleServer } from '../helpers/omni-process.js';
import { waitFor } from '../helpers/wait-for.js';
import { telegramTextBody } from '../helpers/webhook-bodies.js';

/** Every secret given to Omni here: none may reach the page or an API answer. */
const SECRETS = {
  brazilApp: 'channels-screen-app-secret-0001',
  brazilVerify: 'channels-screen-verify-0002',
  brazilToken: 'EAAG-channels-screen-token-0003',
  salesBot: '7001:AAH-channels-screen-bot-0004',
  salesBotReplaced: '7001:AAH-channels-screen-new-0042',
  salesHook: 'channels_screen_webhook_secret_0005',
  mexicoApp: 'channels-screen-mexico-secret-0006',
  mexicoVerify: 'channels-screen-mexico-verify-0007',
  mexicoToken: 'EAAG-channels-screen-mexico-0008',
};

t.test(
  'an admin lists the CLI’s channels with their health, adds one, replaces a bot token, registers the bot’s webhook and disables a channel',
  async (t) => {
    t.setTimeout(180_000);
    const { sql, url } = await createTestDatabase(t);
    const fake = await startFakePlatformApi(t);
    const { server, env } = await startSingleServer(t, url, fake.url);
    const added = async (...args: string[]): Promise<number> => {
      const { stdout } = await runOmni(['channel', 'add', ...args, '--json'], {
        PATH: process.env.PATH,
        ...env,
        LOG_LEVEL: 'silent',
      });
      return JSON.parse(stdout).channel.id;
    };
    const brazil = await added(
      'whatsapp',
      '--name',
      'Brazil',
      '--phone-number-id',
      '1001',
      '--app-secret',
      SECRETS.brazilApp,
      '--verify-token',
      SECRETS.brazilVerify,
      '--access-token',
      SECRETS.brazilToken,
    );
    const sales = await added(
      'telegram',
      '--name',
      'Sales bot',
      '--bot-token',
      SECRETS.salesBot,
      '--webhook-secret',
      SECRETS.salesHook,
    );
    await createTestAgent(sql, 'admin@example.com', 'admin');

    // Health: a webhook reaches the bot (once the server has heard of it, by NOTIFY), and Graph refused Brazil's token.
    const update = telegramTextBody(1, Math.floor(Date.now() / 1000), 'hello');
    await waitFor('the bot’s webhook accepted', async () => {
      const answer = await postWebhookTo(server, 'telegram', update, channelSigning('telegram', SECRETS.salesHook));
      return answer.status === 200;
    });
    await waitFor('the bot’s last webhook recorded', async () => {
      const [row] = await sql<{ at: Date | null }[]>`select last_webhook_at as at from channels where id = ${sales}`;
      return row?.at;
    });
    await recordChannelError(sql, brazil, 'Graph refused the access token (190)');

    const page = await openBrowserPage(t);
    // Every API answer the page reads, to show afterwards that none carried a secret.
    const answers: Promise<string>[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/')) answers.push(response.text().catch(() => ''));
    });
    await logInOnDashboard(page, server, 'admin@example.com');
    await page.click('#show-channels');
    t.equal(new URL(page.url()).pathname, '/admin/channels', 'the topbar’s link opens /admin/channels');
    const row = (name: string) => page.locator('#channel-rows tr', { hasText: name });
    await row('Sales bot').waitFor();
    const note = (text: string) => page.locator('#channels-note', { hasText: text }).waitFor();

    t.test('the channels the CLI added are listed with their health and which secrets are set', async (t) => {
      t.same(
        await page.locator('#channel-rows tr td:first-child').allTextContents(),
        ['Sales bot', 'Brazil'],
        'by platform (telegram, whatsapp), then name',
      );
      t.match(await row('Brazil').textContent(), /whatsapp.*1001.*enabled/);
      t.equal(
        await row('Brazil').locator('.health').textContent(),
        'failingno webhook yetlast error just now: Graph refused the access token (190)',
        'a platform error within the hour: failing, with its words',
      );
      t.equal(await row('Sales bot').locator('.health').textContent(), 'healthylast webhook just now');
      t.same(await row('Sales bot').locator('.secrets div').allTextContents(), [
        'botToken: set (…0004)',
        'webhookSecret: set (…0005)',
      ]);
      t.same(await row('Brazil').locator('.secrets div').allTextContents(), [
        'appSecret: set (…0001)',
        'verifyToken: set (…0002)',
        'accessToken: set (…0003)',
      ]);
    });

    t.test('an admin adds a WhatsApp channel from the platform’s fields', async (t) => {
      const form = page.locator('#add-channel');
      await form.getByLabel('Platform').selectOption('whatsapp');
      await form.getByLabel('Name').fill('Mexico');
      await form.getByLabel('phoneNumberId').fill('1002');
      await form.getByLabel('appSecret').fill(SECRETS.mexicoApp);
      await form.getByLabel('verifyToken').fill(SECRETS.mexicoVerify);
      await form.getByLabel('accessToken').fill(SECRETS.mexicoToken);
      await form.getByRole('button', { name: 'Add channel' }).click();
      await note('Added Mexico · whatsapp (enabled).');
      const [stored] = await sql`select platform, account_id, enabled from channels where name = 'Mexico'`;
      t.same(stored, { platform: 'whatsapp', account_id: '1002', enabled: true }, 'stored as given');
      t.equal(await row('Mexico').locator('.health').textContent(), 'silentno webhook yet');
      t.equal(await form.getByLabel('appSecret').inputValue(), '', 'the form is emptied of the secrets typed');
    });

    t.test('an admin replaces the bot’s token, then registers its webhook with it', async (t) => {
      await row('Sales bot').getByRole('button', { name: 'Edit Sales bot' }).click();
      const panel = page.locator('#edit-channel');
      const token = panel.getByLabel('botToken: set (…0004); type to replace');
      t.equal(await token.inputValue(), '', 'the stored token is never put in the form');
      await token.fill(SECRETS.salesBotReplaced);
      await panel.getByRole('button', { name: 'Save' }).click();
      await note('Saved Sales bot · telegram (enabled).');
      await panel.getByLabel('botToken: set (…0042); type to replace').waitFor();
      t.same(await row('Sales bot').locator('.secrets div').allTextContents(), [
        'botToken: set (…0042)',
        'webhookSecret: set (…0005)',
      ]);

      // Telegram refuses once: its words are shown, and nothing is claimed.
      fake.answerNext(/setWebhook$/, {
        status: 400,
        body: { ok: false, error_code: 400, description: 'Bad Request: bad webhook: Failed to resolve host' },
      });
      const base = panel.getByLabel('Omni’s https address');
      await base.fill('https://omni.example.com');
      await panel.getByRole('button', { name: 'Register webhook' }).click();
      await page.locator('#channels-error', { hasText: 'Webhook not registered:' }).waitFor();
      t.match(await page.locator('#channels-error').textContent(), /Failed to resolve host/);

      await panel.getByRole('button', { name: 'Register webhook' }).click();
      await note('Telegram now delivers to https://omni.example.com/webhook/telegram.');
      const registrations = fake.requests.filter((r) => r.path.endsWith('/setWebhook'));
      t.equal(registrations.length, 2, 'Telegram was asked twice');
      const last = registrations.at(-1)!;
      t.equal(last.path, `/bot${SECRETS.salesBotReplaced}/setWebhook`, 'with the replaced token: it was stored');
      t.match(last.body, { url: 'https://omni.example.com/webhook/telegram', secret_token: SECRETS.salesHook });
    });

    t.test('an admin disables a channel, and enables it again', async (t) => {
      await row('Brazil').getByRole('button', { name: 'Disable' }).click();
      await note('Disabled Brazil · whatsapp (disabled).');
      const enabled = async () => (await sql`select enabled from channels where id = ${brazil}`)[0]?.enabled;
      t.equal(await enabled(), false, 'stored');
      t.equal(await row('Brazil').locator('.state').textContent(), 'disabled');
      t.match(await row('Brazil').locator('.health').textContent(), /^disabled/);
      await screenshot(page, 'channels');
      await row('Brazil').getByRole('button', { name: 'Enable' }).click();
      await note('Enabled Brazil · whatsapp (enabled).');
      t.equal(await enabled(), true, 'stored');
    });

    t.test('no secret reached the page or an API answer', async (t) => {
      const seen = [await page.content(), ...(await Promise.all(answers))].join('\n');
      for (const [name, secret] of Object.entries(SECRETS)) t.notOk(seen.includes(secret), `${name} not shown`);
      t.ok(answers.length > 5, 'the answers were read');
    });
  },
);
