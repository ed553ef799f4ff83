import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { nearEnd, rowWindow, scrollToReveal } from '../virtual-window.js';

interface VirtualListProps<T> {
  id: string;
  label: string;
  items: readonly T[];
  /** Every row's height in pixels; styles.css gives the rows the same. */
  rowHeight: number;
  keyOf: (item: T) => string | number;
  renderRow: (item: T) => ComponentChildren;
  /** The drawn rows came near the last loaded one: load more, if there is more. */
  onNearEnd: () => void;
  /** A row to scroll into view when it changes (the selection moved). */
  revealIndex: number;
}

const OVERSCAN = 8;
/** Rows before the loaded end at which the next page is asked for, so it arrives before it is needed. */
const PREFETCH_ROWS = 30;

/**
 * A list that draws only the rows in view plus a few either side (web/virtual-window.ts), so ten
 * thousand rows scroll as smoothly as ten: the list's padding stands in for the rows not drawn,
 * so the scrollbar measures the whole list. Sizes are set through the CSSOM (the page's CSP
 * refuses style attributes in markup, not styles set by script).
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { id, label, items, rowHeight, keyOf, renderRow, onNearEnd, revealIndex } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ scrollTop: 0, height: 0 });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setView({ scrollTop: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rows = rowWindow({ ...view, rowHeight, count: items.length, overscan: OVERSCAN });
  useEffect(() => {
    if (nearEnd(rows, items.length, PREFETCH_ROWS)) onNearEnd();
  }, [rows.end, items.length]);

  useEffect(() => {
    const element = scroller.current;
    if (!element || revealIndex < 0) return;
    const top = scrollToReveal(revealIndex, element.scrollTop, element.clientHeight, rowHeight);
    if (top !== undefined) element.scrollTop = top;
  }, [revealIndex]);

  return (
    <div
      id={`${id}-scroller`}
      class="virtual-scroller"
      ref={scroller}
      onScroll={(event) =>
        setView({ scrollTop: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })
      }
    >
      <ul
        id={id}
        aria-label={label}
        data-count={String(items.length)}
        style={{ paddingTop: `${rows.before}px`, paddingBottom: `${rows.after}px` }}
      >
        {items.slice(rows.start, rows.end).map((item) => (
          <li key={keyOf(item)}>{renderRow(item)}</li>
        ))}
      </ul>
    </div>
  );
}
