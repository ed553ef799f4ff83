import type { Test } from 'tap';
import { AGENT_PASSWORD, createTestAgent } from './auth.js';
import { openBrowserPage } from './browser.js';
import { startReplyStack } from './replies.js';
import { whatsAppTextBody } from './webhook-bodies.js';

type ReplyStack = Awaited<ReturnType<typeof startReplyStack>>;

/**
 * The reply stack served on a port with Sheena's WhatsApp message (`id`, sent at `sentAt`) filed,
 * and an agent logged in on the dashboard with her conversation open; `prepare` runs on the stack
 * before the page opens (what the page loads at once, such as templates, is there by then).
 */
export async function openSheenaConversation(
  t: Test,
  id: string,
  sentAt: number,
  text: string,
  prepare: (stack: ReplyStack) => Promise<void> = async () => {},
) {
  const stack = await startReplyStack(t);
  await prepare(stack);
  const address = await stack.app.listen({ port: 0, host: '127.0.0.1' });
  await createTestAgent(stack.sql);
  await stack.deliver('whatsapp', whatsAppTextBody(id, sentAt, text), [id]);
  const page = await openBrowserPage(t);
  await page.goto(address);
  await page.fill('input[name=email]', 'agent@example.com');
  await page.fill('input[name=password]', AGENT_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('#inbox[data-live="true"]');
  await page.locator('.conversation', { hasText: 'Sheena Nelson' }).click();
  await page.locator('.message .text', { hasText: text }).waitFor();
  return { stack, page };
}
