// The conversation list's filters and the query they make: pure, tested by calling it.

/** What the agent chose above the list. */
export interface ListFilters {
  /** Free text; searched from three characters on (the API's minimum). */
  search: string;
  /** open, closed, or '' for both. */
  status: string;
  /** A channel id, 'unrouted', or '' for every channel (the channel switcher sets it). */
  channel: string;
  unreadOnly: boolean;
  /** A label, as typed (the API normalises it), or '' for any. */
  label: string;
  /** 'me' (mine), 'none' (unassigned), or '' for anyone's. */
  assignee: string;
}

/** The list before the agent touches the filters: every open conversation. */
export const UNFILTERED: ListFilters = {
  search: '',
  status: 'open',
  channel: '',
  unreadOnly: false,
  label: '',
  assignee: '',
};

/** A page of the list: the API's most, so that scrolling fetches as few pages as it can. */
export const LIST_LIMIT = 100;

/**
 * `GET /api/conversations`' query for these filters, and for the page after `cursor` when given.
 * Each filter adds its own parameters here; a new one adds a field to ListFilters and a line below.
 */
export function listQuery(filters: ListFilters, cursor?: string): string {
  const query = new URLSearchParams({ limit: String(LIST_LIMIT) });
  const text = filters.search.trim();
  if (text.length >= 3) query.set('q', text);
  if (filters.status) query.set('status', filters.status);
  if (filters.channel) query.set('channel', filters.channel);
  if (filters.unreadOnly) query.set('unread', 'true');
  const label = filters.label.trim();
  if (label !== '') query.set('label', label);
  if (filters.assignee) query.set('assignee', filters.assignee);
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

/** Whether these filters ask for what an untouched list shows (an empty list then means none yet). */
export function isUnfiltered(filters: ListFilters): boolean {
  return listQuery(filters) === listQuery(UNFILTERED);
}
