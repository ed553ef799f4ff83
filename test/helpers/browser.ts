import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Test } from 'tap';
import { AGENT_PASSWORD } from './auth.js';

/** Debian's Chromium; `.ci/run` installs it. A missing browser fails the test rather than skipping it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where browser tests leave their screenshots (gitignored). */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** A page in a fresh headless Chromium profile, closed (and its profile removed) at teardown. */
export async function openBrowserPage(t: Test, timeoutMs = 15_000): Promise<Page> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'omni-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      timeout: 30_000,
      viewport: { width: 1100, height: 640 },
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new Error(`cannot start ${CHROMIUM_PATH} (apt-get install -y chromium)`, { cause: error });
  }
  t.teardown(async () => {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(timeoutMs);
  // The page's own errors explain a timeout better than the selector that never appeared.
  page.on('console', (message) => {
    if (message.type() === 'error') t.comment(`browser console: ${message.text()}`);
  });
  page.on('pageerror', (error) => t.comment(`browser page error: ${error.message}`));
  return page;
}

/** Saves a full-page screenshot as `<name>.png` in SCREENSHOT_DIR. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Opens the dashboard at `address` and logs in there as `email` (with the test agents' password). */
export async function logInOnDashboard(page: Page, address: string, email: string): Promise<void> {
  await page.goto(address);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', AGENT_PASSWORD);
  await page.click('#login button[type=submit]');
  await page.locator('#topbar').waitFor();
}
