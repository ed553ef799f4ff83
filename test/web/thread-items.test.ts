import t from 'tap';
import type { Message, Note } from '../../web/api-types.js';
import { threadItems, withNote } from '../../web/thread-state.js';

const message = (id: number, at: string) => ({ id, platformTimestamp: at }) as Message;
const note = (id: number, at: string) => ({ id, createdAt: at, text: `note ${id}`, author: null }) as Note;
const order = (items: ReturnType<typeof threadItems>) =>
  items.map((item) => (item.kind === 'note' ? `n${item.note.id}` : `m${item.message.id}`));

t.test('notes and messages make one thread in time order', async (t) => {
  const messages = [message(1, '2026-12-01T10:00:00Z'), message(2, '2026-12-01T11:00:00Z')];
  const notes = [note(7, '2026-12-01T09:00:00Z'), note(8, '2026-12-01T10:30:00Z'), note(9, '2026-12-01T12:00:00Z')];
  t.same(order(threadItems(messages, notes)), ['n7', 'm1', 'n8', 'm2', 'n9']);
  t.same(threadItems(messages, notes)[1]!.at, '2026-12-01T10:00:00Z', 'each item carries its time');
});

t.test('at the same instant the message comes before the note about it', async (t) => {
  t.same(order(threadItems([message(1, '2026-12-01T10:00:00Z')], [note(7, '2026-12-01T10:00:00.000Z')])), ['m1', 'n7']);
});

t.test('a thread of only messages or only notes keeps its order', async (t) => {
  t.same(order(threadItems([message(1, '2026-12-01T10:00:00Z')], [])), ['m1']);
  t.same(order(threadItems([], [note(7, '2026-12-01T09:00:00Z'), note(8, '2026-12-01T10:00:00Z')])), ['n7', 'n8']);
});

t.test('a note just written is added once, even if a live reload brought it first', async (t) => {
  const written = note(8, '2026-12-01T10:00:00Z');
  t.same(
    withNote([note(7, '2026-12-01T09:00:00Z')], written).map((n) => n.id),
    [7, 8],
  );
  t.same(
    withNote([written], written).map((n) => n.id),
    [8],
  );
});
