import type { Note } from '../api-types.js';
import { formatTime } from '../format.js';
import { STRINGS } from '../strings.js';

/** A private note in the thread: apart from the messages (its own style), marked as a note with its author. */
export function NoteItem({ note }: { note: Note }) {
  return (
    <li class="note" data-note-id={String(note.id)} aria-label={STRINGS.thread.privateNote}>
      <span class="note-author">{STRINGS.thread.noteBy(note.author?.name ?? null)}</span>
      <span class="text">{note.text}</span>
      <span class="meta">{formatTime(note.createdAt)}</span>
    </li>
  );
}
