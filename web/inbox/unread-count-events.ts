// Which live events can change the unread counts: pure, tested by calling it. The counts are one
// heavy query (every unread conversation of the agent's channels), asked by every open dashboard,
// so only these ask for it again.

/** A new conversation or a customer's message makes one unread; reactions, edits, statuses and sends do not. */
const COUNTED_ITEMS = new Set(['conversation.created', 'message.received']);
/** A read takes one off; closing or reopening moves one between the open and closed counts. */
const COUNTED_CHANGES = new Set(['read', 'closed', 'reopened']);

/** Whether a processed item (live-updates' ItemEvent, by its event's name) can change how many conversations are unread. */
export function itemChangesUnreadCounts(item: { name: string }): boolean {
  return COUNTED_ITEMS.has(item.name);
}

/** Whether another agent's change to a conversation (conversation.updated's `change`) can change the counts. */
export function changeChangesUnreadCounts(change: string): boolean {
  return COUNTED_CHANGES.has(change);
}
