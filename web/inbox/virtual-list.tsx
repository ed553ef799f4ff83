import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { nearEnd, rowWindow, scrollToReveal } from '../virtual-window.js';

interface VirtualListProps<T> {
  id: string;
  label: string;
  items: readonly T[];
  /** Every row's height in pixels; styles/inbox.css gives the rows the same. */
  rowHeight: number;
  keyOf: (item: T) => string | number;
  renderRow: (item: T) => ComponentChildren;
  /** The drawn rows came near the last loaded one: load more, if there is more. */
  onNearEnd: () => void;
  /** A row to scroll into view when it changes (the selection moved). */
  revealIndex: number;
  /** What the items are (the filters): when it changes, the list is another one and starts at its top. */
  listKey: string;
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
  const { id, label, items, rowHeight, keyOf, renderRow, onNearEnd, revealIndex, listKey } = props;
  const scroller = useRef<HTMLDivElement>(null);
  // The scroll position is the list's it was measured on: a new list (listKey) is drawn from its top
  // at once, before the scroller is moved there, so it never asks for a page past its first screen.
  const [view, setView] = useState({ scrollTop: 0, height: 0, key: listKey });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setView((v) => ({ ...v, scrollTop: element.scrollTop, height: element.clientHeight }));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const scrollTop = view.key === listKey ? view.scrollTop : 0;
  const rows = rowWindow({ scrollTop, height: view.height, rowHeight, count: items.length, overscan: OVERSCAN });
  useEffect(() => {
    if (nearEnd(rows, items.length, PREFETCH_ROWS)) onNearEnd();
  }, [rows.end, items.length]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || view.key === listKey) return;
    element.scrollTop = 0;
    setView({ scrollTop: 0, height: element.clientHeight, key: listKey });
  }, [listKey]);

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
        setView({ scrollTop: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight, key: listKey })
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
