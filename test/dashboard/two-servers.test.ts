import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import t from 'tap';
import { TEST_SECRETS } from '../helpers/app.js';
import { AGENT_PASSWORD, createTestAgent } from '../helpers/auth.js';
import { openBrowserPage, screenshot } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { startOmniProcess } from '../helpers/omni-process.js';
import { createTestQueue } from '../helpers/queue.js';

const run = promisify(execFile);
const OMNI = fileURLToPath(new URL('../../bin/omni.js', import.meta.url));
/** The customer `omni simulate whatsapp` writes as. */
const CUSTOMER = 'Sheena Nelson';

async function logIn(page: Page, url: string) {
  await page.goto(url);
  await page.fill('input[name=email]', 'agent@example.com');
  await page.fill('input[name=password]', AGENT_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('#empty:visible');
  await page.waitForSelector('#inbox[data-live="true"]');
}

t.test('two agents on two omni serve processes both watch a simulated WhatsApp conversation arrive live', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  await createTestAgent(sql);
  const env = {
    WHATSAPP_APP_SECRET: TEST_SECRETS.whatsapp!.appSecret, WHATSAPP_VERIFY_TOKEN: TEST_SECRETS.whatsapp!.verifyToken,
    DATABASE_URL: url, MESSAGE_QUEUE_URL: queue.queueUrl, DEAD_LETTER_QUEUE_URL: queue.deadLetterQueueUrl,
    AWS_ENDPOINT_URL_SQS: queue.endpoint, PORT: '0', WORKER_RETRY_BASE_SECONDS: '0',
  };
  const serverUrl = async () => {
    const server = await startOmniProcess(t, 'omni', ['serve'], env, /omni serving/);
    return /"url":"(http:\/\/[^"]+)"/.exec(server.output())![1]!;
  };
  const [serverA, serverB] = [await serverUrl(), await serverUrl()];
  await startOmniProcess(t, 'omni-worker', ['consume'], env, /worker consuming/);
  const simulate = (text: string) => run(process.execPath, [OMNI, 'simulate', 'whatsapp', '--url', serverA, '--text', text], {
    env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });

  const agentOnA = await openBrowserPage(t, 30_000);
  const agentOnB = await openBrowserPage(t, 30_000);
  await logIn(agentOnA, serverA);
  await logIn(agentOnB, serverB);

  t.match((await simulate('Hello from the two-server check')).stdout, /^200 /);
  for (const page of [agentOnA, agentOnB]) {
    await page.locator('.conversation', { hasText: CUSTOMER }).click();
    await page.locator('.message .text', { hasText: 'Hello from the two-server check' }).waitFor();
  }
  t.pass('the conversation appeared on both servers\' dashboards');

  await simulate('And a second message, live');
  for (const page of [agentOnA, agentOnB]) await page.locator('.message .text', { hasText: 'And a second message, live' }).waitFor();
  t.pass('the next message arrived in both open threads without a reload');

  await agentOnA.click('#close');
  await agentOnB.locator('#reopen:visible').waitFor();
  t.pass('closing it on server A shows on server B\'s open thread without a reload');
  await screenshot(agentOnA, 'two-servers-a');
  await screenshot(agentOnB, 'two-servers-b');
});
