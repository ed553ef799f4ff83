// Unread conversations by channel (GET /api/conversations/unread-counts), for the channel switcher
// and the tab's title.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api, logFailure } from '../api.js';
import { STRINGS } from '../strings.js';
import { tabTitle } from './alerts.js';

export interface UnreadCounts {
  /** By channel id; null: the unrouted conversations. */
  byChannel: Map<number | null, number>;
  total: number;
}

const NONE: UnreadCounts = { byChannel: new Map(), total: 0 };

/**
 * The counts, reloaded whenever `version` bumps (the list may have changed); the tab's title shows
 * the total ("(3) Omni"), which falls as the agent reads, and goes back to the bare name on leaving.
 */
export function useUnreadCounts(version: number): UnreadCounts {
  const [counts, setCounts] = useState(NONE);
  const request = useRef(0);
  useEffect(() => {
    const asked = ++request.current;
    api<{ channels: { channelId: number | null; unread: number }[]; total: number }>('/conversations/unread-counts')
      .then(({ channels, total }) => {
        if (asked === request.current)
          setCounts({ byChannel: new Map(channels.map((c) => [c.channelId, c.unread])), total });
      })
      .catch(logFailure);
  }, [version]);
  useEffect(() => {
    document.title = tabTitle(counts.total, STRINGS.appName);
  }, [counts.total]);
  useEffect(
    () => () => {
      document.title = STRINGS.appName;
    },
    [],
  );
  return counts;
}
