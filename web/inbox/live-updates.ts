// The inbox's server-sent events (GET /api/events): what changed, so the screens reload it through the API.

import { useEffect, useRef, useState } from 'preact/hooks';

/** What an item's event says (processed items and finished jobs). */
export interface ItemEvent {
  /** The event's name on the stream (conversation.created, message.received, …). */
  name: string;
  conversationId?: number | null;
  kind?: string;
}

export interface LiveHandlers {
  /** The stream (re)connected, or the server could not replay what it missed: anything may have changed. */
  reloadAll(): void;
  /** Another agent assigned, closed, reopened, read or labelled a conversation, or wrote a note on it (`noted`). */
  conversationChanged(conversationId: number, change: string): void;
  /** A processed item or a finished job, whatever it changed (a status names its message, not always its conversation). */
  itemProcessed(item: ItemEvent): void;
}

const ITEM_EVENTS = ['conversation.created', 'message.received', 'message.updated', 'status.changed', 'event.received'];

const dataOf = <T>(event: Event): T => JSON.parse((event as MessageEvent<string>).data) as T;

/** Follows the event stream while mounted (EventSource reconnects by itself); answers whether it is connected. */
export function useLiveUpdates(handlers: LiveHandlers): boolean {
  const [live, setLive] = useState(false);
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const events = new EventSource('/api/events');
    events.addEventListener('open', () => {
      setLive(true);
      current.current.reloadAll();
    });
    events.addEventListener('error', () => setLive(false));
    events.addEventListener('resync', () => current.current.reloadAll());
    events.addEventListener('conversation.updated', (event) => {
      const { conversationId, change } = dataOf<{ conversationId: number; change: string }>(event);
      current.current.conversationChanged(conversationId, change);
    });
    for (const name of ITEM_EVENTS) {
      events.addEventListener(name, (event) => current.current.itemProcessed({ ...dataOf<ItemEvent>(event), name }));
    }
    return () => events.close();
  }, []);
  return live;
}
