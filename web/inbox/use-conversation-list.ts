// The conversation list as the agent scrolls it: the first page for the filters, the next pages on
// demand, a fresh first page on each live update. The newest request wins when answers cross.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api, logFailure } from '../api.js';
import { type ListFilters, listQuery } from '../list-query.js';
import { appendPage, type LoadedList, refreshFirstPage } from './list-pages.js';

export interface ConversationList {
  /** What is loaded, for the filters it was asked with; null until the first answer. */
  list: (LoadedList & { filters: ListFilters }) | null;
  /** Fetches the page after the loaded rows, once at a time; nothing when the last page is loaded. */
  loadMore(): void;
}

/** Follows `filters`; `version` bumps when live events say the list may have changed. */
export function useConversationList(filters: ListFilters, version: number): ConversationList {
  const [list, setList] = useState<ConversationList['list']>(null);
  const generation = useRef(0);
  const loadingMore = useRef(false);
  const current = useRef(list);
  current.current = list;
  const query = listQuery(filters);

  useEffect(() => {
    const request = ++generation.current;
    // A new page 1 for the same filters keeps the rows scrolled past it; other filters start over.
    const same = current.current && listQuery(current.current.filters) === query ? current.current : null;
    api<LoadedList>(`/conversations?${query}`)
      .then((page) => {
        if (request !== generation.current) return;
        loadingMore.current = false;
        setList({ ...refreshFirstPage(same, page), filters });
      })
      .catch(logFailure);
  }, [query, version]);

  const loadMore = () => {
    const shown = current.current;
    if (!shown?.nextCursor || loadingMore.current) return;
    loadingMore.current = true;
    const request = generation.current;
    api<LoadedList>(`/conversations?${listQuery(shown.filters, shown.nextCursor)}`)
      .then((page) => {
        if (request !== generation.current) return;
        setList((loaded) => (loaded ? { ...appendPage(loaded, page), filters: loaded.filters } : loaded));
      })
      .catch(logFailure)
      .finally(() => {
        if (request === generation.current) loadingMore.current = false;
      });
  };

  return { list, loadMore };
}
