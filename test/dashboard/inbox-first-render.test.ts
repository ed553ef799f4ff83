import t from 'tap';
import { bearerHeaders } from '../helpers/auth.js';
import { openSeededDashboard } from '../helpers/seeded-dashboard.js';

const COUNT = 50_000;
const ROUNDS = 5;

/** When the first conversation row enters the page, in ms since navigation began (`window.firstRowAt`). */
const RECORD_FIRST_ROW = `
  new MutationObserver((changes, observer) => {
    if (document.querySelector('.conversation')) {
      window.firstRowAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Issue 20's budget: with 50,000 conversations stored, the inbox's first render under 1 s. This
 * measures it and reports the figures (t.comment); it asserts none of them, since the shared box's
 * load would make a timing assertion fail for reasons not in the code.
 */
t.test('the inbox’s first render with 50,000 conversations stored (measured, reported, not asserted)', async (t) => {
  t.setTimeout(300_000);
  // All unread: the most the unread counts ever read.
  const { sql, app, page } = await openSeededDashboard(t, { count: COUNT, name: 'Sales' });
  const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from conversations`;
  t.equal(n, COUNT, `${COUNT} conversations stored`);
  await page.addInitScript(RECORD_FIRST_ROW);

  const { authorization } = await bearerHeaders(sql);
  for (const url of ['/api/conversations?limit=100&status=open', '/api/conversations/unread-counts']) {
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { authorization } });
      times.push(performance.now() - started);
      t.equal(response.statusCode, 200);
    }
    t.comment(`${url}: median ${median(times).toFixed(1)} ms of ${times.map((x) => x.toFixed(1)).join(', ')}`);
  }
  const counts = (
    await app.inject({ method: 'GET', url: '/api/conversations/unread-counts', headers: { authorization } })
  ).json();
  t.equal(counts.total, COUNT, 'every one counted unread');

  const renders: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    await page.reload();
    await page.locator('.conversation').first().waitFor();
    renders.push(await page.evaluate<number>('window.firstRowAt'));
  }
  t.comment(
    `first render (navigation to the first row drawn): median ${median(renders).toFixed(0)} ms of ${renders
      .map((x) => x.toFixed(0))
      .join(', ')}; issue 20's budget is 1000 ms`,
  );
  t.ok((await page.locator('#conversations > li').count()) <= 40, 'a screenful of rows drawn, not 50,000');
});
