import t from 'tap';
import { changeChangesUnreadCounts, itemChangesUnreadCounts } from '../../web/inbox/unread-count-events.js';

t.test('only a new conversation or a received message changes the counts among processed items', async (t) => {
  const names = ['conversation.created', 'message.received', 'message.updated', 'status.changed', 'event.received'];
  t.same(
    names.filter((name) => itemChangesUnreadCounts({ name })),
    ['conversation.created', 'message.received'],
  );
});

t.test('a read, a close or a reopen changes the counts; an assignment, a label or a note does not', async (t) => {
  const changes = ['assigned', 'closed', 'reopened', 'read', 'labelled', 'noted'];
  t.same(changes.filter(changeChangesUnreadCounts), ['closed', 'reopened', 'read']);
});
