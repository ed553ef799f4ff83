import type { Page } from 'playwright-core';
import type { Test } from 'tap';
import { createTestApp } from './app.js';
import { createTestAgent } from './auth.js';
import { logInOnDashboard, openBrowserPage } from './browser.js';
import { addTestChannel, whatsAppChannel } from './channels.js';
import { createTestDatabase } from './database.js';
import { createTestQueue } from './queue.js';
import { type InboxSeed, seedInbox } from './seed-inbox.js';
import { waitFor } from './wait-for.js';

/** The phone number id of the seeded dashboard's one channel, Sales. */
export const SALES_ACCOUNT = '100000000000001';

/**
 * The dashboard with live events and one WhatsApp channel, Sales, its inbox filled by `seedInbox`
 * (`seed` says how; `assigneeOf` may name the admin, whose id it is given), and a browser page
 * logged in as that admin (agent@example.com) at `viewport`. Answers the conversations' ids by n.
 */
export async function openSeededDashboard(
  t: Test,
  seed: Omit<InboxSeed, 'channelId' | 'account' | 'assigneeOf'> & {
    assigneeOf?: (n: number, me: number) => number | undefined;
  },
  viewport = { width: 1100, height: 900 },
) {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, liveEvents: true, platforms: {} });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const sales = (await addTestChannel(sql, whatsAppChannel('Sales', SALES_ACCOUNT))).channel.id;
  const me = (await createTestAgent(sql)).id;
  const { assigneeOf } = seed;
  const ids = await seedInbox(sql, {
    ...seed,
    channelId: sales,
    account: SALES_ACCOUNT,
    assigneeOf: assigneeOf && ((n) => assigneeOf(n, me)),
  });
  const page = await openBrowserPage(t);
  await page.setViewportSize(viewport);
  await logInOnDashboard(page, address, 'agent@example.com');
  return { sql, app, address, page, sales, me, ids };
}

/** The contact names the list draws, top to bottom. */
export function listedNames(page: Page): Promise<string[]> {
  return page.locator('#conversations .contact').allTextContents();
}

/** Waits until the list draws exactly these contacts, in this order. */
export async function waitForNames(page: Page, names: string[]): Promise<void> {
  const wanted = JSON.stringify(names);
  await waitFor(`the list to show ${wanted}`, async () => JSON.stringify(await listedNames(page)) === wanted, 10_000);
}
