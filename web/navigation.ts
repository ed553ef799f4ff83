// Moving between addresses without reloading: the History API, and a hook that re-renders on each move.

import { useEffect, useState } from 'preact/hooks';
import { parseRoute, type Route } from './router.js';

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};
addEventListener('popstate', notify);

/** Goes to `path` as a new history entry, or in place of the current one (`replace`). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  notify();
}

/** The route of the current address, updated on navigate() and on the browser's back and forward. */
export function useRoute(): Route {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return parseRoute(path);
}
