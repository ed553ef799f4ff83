import type { Page } from 'playwright-core';
import t from 'tap';
import { seedConversations } from '../../src/cli/commands/seed.js';
import { createTestApp } from '../helpers/app.js';
import { AGENT_PASSWORD, createTestAgent } from '../helpers/auth.js';
import { openBrowserPage, screenshot } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';

/** Waits until the conversation list's contact names and unread flags pass `check` (the page's CSP forbids string eval). */
async function waitForList(page: Page, check: (contacts: string[], unread: boolean[]) => boolean) {
  const items = page.locator('.conversation');
  await waitFor(
    'the conversation list',
    async () => {
      const rows = await items.evaluateAll((nodes) =>
        nodes.map(
          (node) => [node.querySelector('.contact')?.textContent ?? '', node.classList.contains('unread')] as const,
        ),
      );
      return check(
        rows.map(([contact]) => contact),
        rows.map(([, unread]) => unread),
      );
    },
    10_000,
  );
}

t.test(
  'an agent searches and filters the list, assigns, closes and reopens a conversation, and reads its contact',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app } = await createTestApp(t, { sql, queue, liveEvents: true });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    await seedConversations(sql, { messages: 120, conversations: 30, days: 1 }, () => {});
    await createTestAgent(sql);
    const page = await openBrowserPage(t);
    await page.goto(address);
    await page.fill('input[name=email]', 'agent@example.com');
    await page.fill('input[name=password]', AGENT_PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('.conversation').first().waitFor();

    // "contact 2" is contacts 2 and 20–29 of the seed; no message text says "contact".
    await page.fill('#search', 'contact 2');
    await waitForList(page, (contacts) => contacts.every((contact) => contact.includes('contact 2')));
    const found = await page.locator('.conversation .contact').allTextContents();
    t.ok(found.length > 0, 'the search finds the named contacts');
    await screenshot(page, 'workflow-1-search');

    const id = await page.locator('.conversation').first().getAttribute('data-id');
    const name = await page.locator('.conversation .contact').first().textContent();
    const conversation = page.locator(`.conversation[data-id="${id}"]`);
    await conversation.click();
    await page.click('#assign-me');
    await page.locator('#assignee', { hasText: 'Assigned to Test Agent' }).waitFor();
    t.equal(await page.textContent('#assign-me'), 'Unassign', 'the button now unassigns');
    const [row] = await sql<{ assignee_agent_id: string }[]>`
    select assignee_agent_id from conversations where id = ${Number(id)}`;
    t.ok(row!.assignee_agent_id, 'assigned in the database');

    await page.click('#close');
    await page.locator('#reopen:visible').waitFor();
    await conversation.waitFor({ state: 'detached' }); // the list shows open conversations
    await page.selectOption('#status', 'closed');
    await conversation.waitFor();
    await page.click('#reopen');
    await page.locator('#close:visible').waitFor();

    await page.click('#show-contact');
    const contact = page.locator('#contact');
    await contact.locator('dd', { hasText: name! }).first().waitFor();
    t.match(await contact.textContent(), /Platform id/);
    await screenshot(page, 'workflow-2-desktop');

    await page.fill('#search', '');
    await page.selectOption('#status', '');
    await page.check('#unread-only');
    await waitForList(page, (_contacts, unread) => unread.length > 0 && unread.every(Boolean));
    t.pass('the unread filter leaves only unread conversations');

    // A phone shows one pane: the conversation open on the desktop, then back to the list and into another.
    await page.setViewportSize({ width: 390, height: 760 });
    await page.locator('#messages').waitFor();
    t.notOk(await page.locator('nav').isVisible(), 'the open conversation takes the screen');
    await screenshot(page, 'workflow-3-phone-thread');
    await page.click('#back');
    await page.locator('nav').waitFor();
    t.notOk(await page.locator('#messages').isVisible(), 'back shows the list alone');
    await screenshot(page, 'workflow-4-phone-list');
    await page.locator('.conversation').first().click();
    await page.locator('#messages').waitFor();
    t.notOk(await page.locator('nav').isVisible(), 'and a conversation opens over it');
  },
);
