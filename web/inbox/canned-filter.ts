// The canned-response picker's logic: when it opens, what it offers, where the highlight moves.
// Pure, tested by calling it (test/web/canned-filter.test.ts).

/** What the picker filters: a canned response's shortcode and text. */
export interface Cannable {
  shortcode: string;
  text: string;
}

/**
 * The shortcode typed so far when the reply box holds only `/` and a word (`/tha` → `tha`, `/` → ``),
 * lowercased as shortcodes are; null when the picker stays shut (no `/` first, or white space typed:
 * the agent is writing a message that happens to start with a slash).
 */
export function slashQuery(text: string): string | null {
  const match = /^\/(\S*)$/.exec(text);
  return match ? (match[1] ?? '').toLowerCase() : null;
}

/**
 * The responses that match `query`, best first: those whose shortcode starts with it, then those
 * whose shortcode holds it, then those whose text holds it (any case); by shortcode within each.
 */
export function filterCanned<T extends Cannable>(responses: readonly T[], query: string): T[] {
  const q = query.toLowerCase();
  const rank = (response: T) => {
    if (response.shortcode.startsWith(q)) return 0;
    if (response.shortcode.includes(q)) return 1;
    return response.text.toLowerCase().includes(q) ? 2 : undefined;
  };
  return responses
    .map((response) => ({ response, rank: rank(response) }))
    .filter((ranked): ranked is { response: T; rank: number } => ranked.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.response.shortcode.localeCompare(b.response.shortcode))
    .map((ranked) => ranked.response);
}

/** The option highlighted after an arrow key: down from the last wraps to the first, up from the first to the last. */
export function moveActive(active: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (active < 0 || active >= count) return step === 1 ? 0 : count - 1;
  return (active + step + count) % count;
}
