// What the inbox alerts the agent with: the unread count in the tab's title, so a background tab
// shows work waiting, and which events are new messages to notify. Pure, tested by calling it.

/** "(3) Omni" while conversations are unread, the bare name when none is. */
export function tabTitle(unread: number, name: string): string {
  return unread > 0 ? `(${unread}) ${name}` : name;
}

/** Whether an item event is a customer's new message, which a notification announces. */
export function isNewMessage(event: { name: string; kind?: string; conversationId?: number | null }): boolean {
  return (
    (event.name === 'message.received' || event.name === 'conversation.created') &&
    event.kind === 'message' &&
    typeof event.conversationId === 'number'
  );
}
