// Windowing for long lists: which rows to draw for a scroll position. Pure, tested by calling it
// (test/web/virtual-window.test.ts); web/inbox/virtual-list.tsx draws what it says.

/** Where the list's viewport is, and what the list holds. Rows all have one height. */
export interface Viewport {
  /** The scroller's scrollTop, in pixels. */
  scrollTop: number;
  /** The scroller's visible height, in pixels. */
  height: number;
  rowHeight: number;
  /** How many rows the list holds (loaded). */
  count: number;
  /** Rows drawn beyond each edge, so a quick scroll does not show blank space before the next frame. */
  overscan: number;
}

/** The rows to draw, `start` inclusive to `end` exclusive, and the spacer sizes around them. */
export interface RowWindow {
  start: number;
  end: number;
  /** Height of the undrawn rows above `start`. */
  before: number;
  /** Height of the undrawn rows from `end` on. */
  after: number;
}

/**
 * The rows visible at this scroll position plus `overscan` on each side, clamped to the list.
 * A scrollTop past the end (the list shrank under the scroller) shows its last rows.
 */
export function rowWindow(v: Viewport): RowWindow {
  if (v.count === 0 || v.rowHeight <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const visible = Math.ceil(Math.max(0, v.height) / v.rowHeight) + 1;
  const first = Math.min(Math.floor(Math.max(0, v.scrollTop) / v.rowHeight), Math.max(0, v.count - visible));
  const start = Math.max(0, first - v.overscan);
  const end = Math.min(v.count, first + visible + v.overscan);
  return { start, end, before: start * v.rowHeight, after: (v.count - end) * v.rowHeight };
}

/** Whether the drawn window comes within `margin` rows of the loaded end: time to fetch the next page. */
export function nearEnd(window: RowWindow, count: number, margin: number): boolean {
  return count > 0 && window.end >= count - margin;
}

/**
 * The scrollTop that brings row `index` fully into view, or undefined when it already is (for
 * moving the selection by keyboard).
 */
export function scrollToReveal(index: number, scrollTop: number, height: number, rowHeight: number) {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + height) return top + rowHeight - height;
  return undefined;
}
