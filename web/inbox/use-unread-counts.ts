// Unread conversations by channel (GET /api/conversations/unread-counts), for the channel switcher
// and the tab's title.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api, logFailure } from '../api.js';
import { STRINGS } from '../strings.js';
import { throttle } from '../throttle.js';
import { tabTitle } from './alerts.js';

export interface UnreadCounts {
  /** By channel id; null: the unrouted conversations. */
  byChannel: Map<number | null, number>;
  total: number;
}

const NONE: UnreadCounts = { byChannel: new Map(), total: 0 };

/**
 * The counts are one heavy query (with 50,000 unread conversations) that every open dashboard asks
 * on each change: however many changes arrive, each dashboard asks at most once in this long.
 */
export const COUNTS_INTERVAL_MS = 2000;

/**
 * The counts of conversations of `status` (the list's filter: '' for every status), so each badge
 * is the length of the list it switches to. Loaded at once when the status changes; `refresh` asks
 * again after a change that may have moved them, at most once every COUNTS_INTERVAL_MS. The tab's
 * title shows the total ("(3) Omni"), which falls as the agent reads, and goes back to the bare
 * name on leaving.
 */
export function useUnreadCounts(status: string): { counts: UnreadCounts; refresh: () => void } {
  const [counts, setCounts] = useState(NONE);
  const request = useRef(0);
  const query = status ? `?${new URLSearchParams({ status })}` : '';
  const load = useRef(() => {});
  load.current = () => {
    const asked = ++request.current;
    api<{ channels: { channelId: number | null; unread: number }[]; total: number }>(
      `/conversations/unread-counts${query}`,
    )
      .then(({ channels, total }) => {
        if (asked === request.current)
          setCounts({ byChannel: new Map(channels.map((c) => [c.channelId, c.unread])), total });
      })
      .catch(logFailure);
  };
  const [reloads] = useState(() => throttle(() => load.current(), COUNTS_INTERVAL_MS));
  useEffect(() => reloads.runNow(), [query]);
  useEffect(() => () => reloads.cancel(), []);
  useEffect(() => {
    document.title = tabTitle(counts.total, STRINGS.appName);
  }, [counts.total]);
  useEffect(
    () => () => {
      document.title = STRINGS.appName;
    },
    [],
  );
  return { counts, refresh: reloads.request };
}
