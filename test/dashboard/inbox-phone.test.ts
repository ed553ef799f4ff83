import t from 'tap';
import { screenshot } from '../helpers/browser.js';
import { openSeededDashboard } from '../helpers/seeded-dashboard.js';

t.test('at a phone’s width the inbox shows one pane: the list, or the conversation with a back control', async (t) => {
  t.setTimeout(120_000);
  const { page } = await openSeededDashboard(t, { count: 30, name: 'Sales' }, { width: 390, height: 844 });
  const list = page.locator('#inbox > nav');
  const pane = page.locator('#inbox > section');
  await page.locator('.conversation', { hasText: 'Sales 3' }).waitFor();
  t.ok(await list.isVisible(), 'the list');
  t.notOk(await pane.isVisible(), 'and no conversation pane');
  const box = await list.boundingBox();
  t.equal(box?.width, 390, 'the list takes the whole width');
  t.ok(await page.locator('#channel-switcher').isVisible(), 'the switcher and filters above it');
  await screenshot(page, 'inbox-phone-list');

  await page.locator('.conversation', { hasText: 'Sales 3' }).click();
  await page.locator('#conversation-title', { hasText: 'Sales 3 ·' }).waitFor();
  t.notOk(await list.isVisible(), 'the conversation takes the screen');
  t.ok(await page.locator('#reply textarea').isVisible(), 'with its reply box');
  await screenshot(page, 'inbox-phone-thread');

  await page.getByRole('button', { name: 'Back to the conversations' }).click();
  await list.waitFor();
  t.notOk(await pane.isVisible(), 'back: the list alone again');
  t.equal(new URL(page.url()).pathname, '/', 'at the inbox’s address');

  // The keyboard moves between conversations here too, each over the whole screen.
  await page.keyboard.press('j');
  await page.locator('#conversation-title', { hasText: 'Sales 1 ·' }).waitFor();
  t.notOk(await list.isVisible());
});
