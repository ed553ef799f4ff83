import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import t from 'tap';
import { AGENT_PASSWORD, createTestAgent } from '../helpers/auth.js';
import { openBrowserPage, screenshot } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { deploymentEnv, startOmniProcess } from '../helpers/omni-process.js';
import { createTestQueue } from '../helpers/queue.js';
import { whatsAppMessageBody, whatsAppStatusBody } from '../helpers/webhook-bodies.js';

const run = promisify(execFile);
// Three omni processes, two browsers and five `omni simulate` runs: more than tap's default file timeout on a busy machine.
t.setTimeout(300_000);
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
  const env = deploymentEnv(url, queue);
  const serverUrl = async () => {
    const server = await startOmniProcess(t, 'omni', ['serve'], env, /omni serving/);
    return /"url":"(http:\/\/[^"]+)"/.exec(server.output())![1]!;
  };
  const [serverA, serverB] = [await serverUrl(), await serverUrl()];
  await startOmniProcess(t, 'omni-worker', ['consume'], env, /worker consuming/);
  const simulate = (...options: string[]) =>
    run(process.execPath, [OMNI, 'simulate', 'whatsapp', '--url', serverA, ...options], {
      env: { ...process.env, ...env },
    });
  const bodies = await mkdtemp(join(tmpdir(), 'omni-two-servers-'));
  t.teardown(() => rm(bodies, { recursive: true, force: true }));
  /** `omni simulate --body`: signs and posts this webhook body as the platform would. */
  const simulateBody = async (name: string, body: unknown) => {
    const file = join(bodies, `${name}.json`);
    await writeFile(file, JSON.stringify(body));
    return simulate('--body', file);
  };

  const agentOnA = await openBrowserPage(t, 30_000);
  const agentOnB = await openBrowserPage(t, 30_000);
  await logIn(agentOnA, serverA);
  await logIn(agentOnB, serverB);

  t.match((await simulate('--text', 'Hello from the two-server check')).stdout, /^200 /);
  for (const page of [agentOnA, agentOnB]) {
    await page.locator('.conversation', { hasText: CUSTOMER }).click();
    await page.locator('.message .text', { hasText: 'Hello from the two-server check' }).waitFor();
  }
  t.pass("the conversation appeared on both servers' dashboards");

  await simulate('--text', 'And a second message, live');
  for (const page of [agentOnA, agentOnB])
    await page.locator('.message .text', { hasText: 'And a second message, live' }).waitFor();
  t.pass('the next message arrived in both open threads without a reload');

  // An image, a reaction to the first message and a read status on it, each simulated on server A.
  const [first] = await sql<
    { external_id: string }[]
  >`select external_id from messages where text = 'Hello from the two-server check'`;
  const now = Math.floor(Date.now() / 1000) + 5;
  await simulateBody(
    'image',
    whatsAppMessageBody('wamid.TWO-SERVERS-IMAGE', now, {
      type: 'image',
      image: { caption: 'This one', mime_type: 'image/jpeg', id: '1003383421387256' },
    }),
  );
  await simulateBody(
    'reaction',
    whatsAppMessageBody('wamid.TWO-SERVERS-REACTION', now + 1, {
      type: 'reaction',
      reaction: { message_id: first!.external_id, emoji: '👍' },
    }),
  );
  await simulateBody('status', whatsAppStatusBody({ id: first!.external_id, status: 'read', timestamp: now + 2 }));
  for (const page of [agentOnA, agentOnB]) {
    await page.locator('.message[data-kind="image"]').waitFor();
    const target = page.locator('.message', { hasText: 'Hello from the two-server check' });
    await target.locator('.reaction-chip', { hasText: '👍' }).waitFor();
    await target.locator('.tick.read').waitFor();
  }
  t.pass('an image, a reaction on its target and a read tick reached both dashboards live');

  await agentOnA.click('#close');
  await agentOnB.locator('#reopen:visible').waitFor();
  t.pass("closing it on server A shows on server B's open thread without a reload");
  await screenshot(agentOnA, 'two-servers-a');
  await screenshot(agentOnB, 'two-servers-b');
});
