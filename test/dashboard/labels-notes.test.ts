import t from 'tap';
import { seedConversations } from '../../src/cli/commands/seed.js';
import { createTestApp } from '../helpers/app.js';
import { createTestAgent } from '../helpers/auth.js';
import { logInOnDashboard, openBrowserPage, screenshot } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

const NOTE = 'Private: gave a 10% discount last time';

t.test(
  'an agent labels a conversation, filters the inbox by the label, removes it, and writes a private note that is shown apart and sent nowhere',
  async (t) => {
    t.setTimeout(90_000);
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app } = await createTestApp(t, { sql, queue, liveEvents: true });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    await seedConversations(sql, { messages: 60, conversations: 12, days: 1 }, () => {});
    await createTestAgent(sql);
    const page = await openBrowserPage(t);
    await logInOnDashboard(page, address, 'agent@example.com');
    await page.locator('.conversation').first().waitFor();

    const id = await page.locator('.conversation').nth(2).getAttribute('data-id');
    const row = page.locator(`.conversation[data-id="${id}"]`);
    await row.click();
    await page.getByLabel('Add a label').fill('  Needs Refund ');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const chip = page.locator('.label-chip[data-label="needs refund"]');
    await chip.waitFor();
    t.match(await chip.textContent(), /needs refund/, 'the chip shows the label as stored');
    await row.locator('.row-labels', { hasText: 'needs refund' }).waitFor();
    await screenshot(page, 'labels-1-chip');

    await page.fill('#label-filter', 'NEEDS REFUND');
    await page.press('#label-filter', 'Enter');
    await page.locator('.conversation').nth(1).waitFor({ state: 'detached' });
    t.same(await page.locator('.conversation').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id'))), [
      id,
    ]);

    await page.getByRole('button', { name: 'Remove label needs refund' }).click();
    await chip.waitFor({ state: 'detached' });
    await page.locator('#empty').waitFor();
    t.pass('removed, the conversation leaves the filtered list');
    const [labels] = await sql<{ n: number }[]>`select count(*)::int as n from conversation_labels`;
    t.equal(labels!.n, 0);
    await page.fill('#label-filter', '');
    await page.press('#label-filter', 'Enter');
    await row.waitFor();

    const counts = async () =>
      (
        await sql<{ messages: number; jobs: number }[]>`
          select (select count(*)::int from messages) as messages, (select count(*)::int from queue_logs) as jobs`
      )[0]!;
    const before = await counts();
    await page.check('input[name=mode][value=note]');
    await page.getByLabel('Private note', { exact: true }).fill(NOTE);
    await page.getByRole('button', { name: 'Add note' }).click();
    const note = page.locator('#messages .note');
    await note.waitFor();
    t.match(await note.textContent(), /Private note · Test Agent/, 'marked as a note, with its author');
    t.match(await note.textContent(), /gave a 10% discount/);
    t.equal(await page.locator('#messages .message', { hasText: 'gave a 10% discount' }).count(), 0, 'not a message');
    t.same(await counts(), before, 'no message stored and no job queued: nothing to send');
    await screenshot(page, 'notes-1-thread');

    await page.reload();
    await page.locator('#messages .note').waitFor();
    t.pass('the note is read back with the thread');
  },
);
