// How the open thread's messages change between reloads: pure, tested by calling it.

import type { Message, Note } from './api-types.js';

/**
 * The thread with a message the agent just sent: added at the end, unless a live reload already
 * brought it (then the reloaded copy, with its newer status, stays).
 */
export function withMessage(messages: Message[], message: Message): Message[] {
  return messages.some((shown) => shown.id === message.id) ? messages : [...messages, message];
}

/** One entry of the thread: a message, or a private note shown apart. */
export type ThreadItem = { kind: 'message'; at: string; message: Message } | { kind: 'note'; at: string; note: Note };

/**
 * Messages and notes in one time order (a message's platform time, a note's writing time); at the
 * same instant the message comes first, as the note is usually about it. Each list keeps its own order.
 */
export function threadItems(messages: readonly Message[], notes: readonly Note[]): ThreadItem[] {
  const items: ThreadItem[] = [];
  const waiting = [...notes];
  const noteItem = (note: Note): ThreadItem => ({ kind: 'note', at: note.createdAt, note });
  for (const message of messages) {
    const at = Date.parse(message.platformTimestamp);
    while (waiting.length > 0 && Date.parse(waiting[0].createdAt) < at) items.push(noteItem(waiting.shift() as Note));
    items.push({ kind: 'message', at: message.platformTimestamp, message });
  }
  return [...items, ...waiting.map(noteItem)];
}

/** The notes with one the agent just wrote, unless a live reload already brought it. */
export function withNote(notes: Note[], note: Note): Note[] {
  return notes.some((shown) => shown.id === note.id) ? notes : [...notes, note];
}
