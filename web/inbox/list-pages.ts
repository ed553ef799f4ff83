// The conversation list as pages fetched from the API's keyset cursor: pure, tested by calling it
// (test/web/list-pages.test.ts).

import type { ConversationSummary } from '../api-types.js';

/** The rows loaded so far, and the cursor of the page after them (null: the last page is loaded). */
export interface LoadedList {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

/** The list's order: last message first, then higher id (the API's keyset order). */
function after(a: ConversationSummary, b: ConversationSummary): boolean {
  return a.lastMessageAt === b.lastMessageAt ? a.id < b.id : a.lastMessageAt < b.lastMessageAt;
}

/** Rows after the loaded ones: the next page appended, any row already shown left out. */
export function appendPage(list: LoadedList, page: LoadedList): LoadedList {
  const shown = new Set(list.conversations.map((c) => c.id));
  return {
    conversations: [...list.conversations, ...page.conversations.filter((c) => !shown.has(c.id))],
    nextCursor: page.nextCursor,
  };
}

/**
 * A fresh first page over a list scrolled further: the page replaces the rows it covers, and the
 * rows loaded beyond it stay (without the ones the page now holds, moved up by a new message), so
 * a live update does not throw away what the agent scrolled through. A first page that is the
 * whole list (no next cursor) replaces everything.
 */
export function refreshFirstPage(list: LoadedList | null, page: LoadedList): LoadedList {
  const last = page.conversations.at(-1);
  if (!list || page.nextCursor === null || !last) return page;
  const onPage = new Set(page.conversations.map((c) => c.id));
  const beyond = list.conversations.filter((c) => !onPage.has(c.id) && after(c, last));
  return {
    conversations: [...page.conversations, ...beyond],
    nextCursor: beyond.length ? list.nextCursor : page.nextCursor,
  };
}
