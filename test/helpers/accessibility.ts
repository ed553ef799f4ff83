import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { Test } from 'tap';

/** The impacts the dashboard must never have (axe-core's two highest). */
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

export interface BlockingViolation {
  rule: string;
  impact: string;
  help: string;
  elements: string[];
}

/**
 * axe-core's WCAG 2.1 A/AA and best-practice rules over the page as it stands: the serious and
 * critical violations, by rule with the elements; the lesser ones are commented on `t`.
 */
export async function blockingViolations(t: Test, page: Page, screen: string): Promise<BlockingViolation[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const blocking: BlockingViolation[] = [];
  for (const violation of results.violations) {
    const impact = violation.impact ?? 'unknown';
    if (!BLOCKING_IMPACTS.has(impact)) {
      t.comment(`${screen}: ${impact} ${violation.id} (${violation.nodes.length} elements)`);
      continue;
    }
    const elements = violation.nodes.map((node) => node.target.join(' '));
    blocking.push({ rule: violation.id, impact, help: violation.help, elements });
  }
  return blocking;
}

/** Fails the test on any serious or critical violation on the page, naming the rule and the elements. */
export async function checkAccessibility(t: Test, page: Page, screen: string): Promise<void> {
  t.same(await blockingViolations(t, page, screen), [], `${screen}: no serious or critical accessibility violation`);
}
