import t from 'tap';
import { movedSelection, shortcutFor } from '../../web/inbox/shortcuts.js';
import { isNewMessage, tabTitle } from '../../web/inbox/alerts.js';

const press = (
  key: string,
  tagName = 'BODY',
  modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
  target: { tagName, isContentEditable: false },
});

t.test('each shortcut key names its action outside a field', async (t) => {
  const actions = ['j', 'k', 'r', 'e', '/', '?'].map((key) => shortcutFor(press(key)));
  t.same(actions, ['next', 'previous', 'reply', 'close', 'search', 'help']);
  t.equal(shortcutFor(press('x')), null, 'another key is none');
  t.equal(shortcutFor(press('j', 'A')), 'next', 'on a focused link or button too');
});

t.test('typing in a field, or a key with a modifier, is never a shortcut', async (t) => {
  for (const tag of ['INPUT', 'TEXTAREA', 'SELECT', 'input']) t.equal(shortcutFor(press('j', tag)), null, tag);
  t.equal(shortcutFor({ ...press('e'), target: { tagName: 'DIV', isContentEditable: true } }), null, 'contenteditable');
  t.equal(shortcutFor(press('r', 'BODY', { ctrlKey: true })), null, 'ctrl-r reloads the page');
  t.equal(shortcutFor(press('k', 'BODY', { metaKey: true })), null);
  t.equal(shortcutFor(press('e', 'BODY', { altKey: true })), null);
});

t.test('j and k move through the list and stop at its ends', async (t) => {
  const ids = [10, 20, 30];
  t.equal(movedSelection(ids, null, 1), 10, 'from none, the first');
  t.equal(movedSelection(ids, 10, 1), 20);
  t.equal(movedSelection(ids, 20, -1), 10);
  t.equal(movedSelection(ids, 30, 1), null, 'past the last, none');
  t.equal(movedSelection(ids, 10, -1), null, 'before the first, none');
  t.equal(movedSelection(ids, 99, -1), 10, 'an open conversation not listed: the first');
  t.equal(movedSelection([], null, 1), null);
});

t.test('the tab title carries the unread count', async (t) => {
  t.equal(tabTitle(3, 'Omni'), '(3) Omni');
  t.equal(tabTitle(0, 'Omni'), 'Omni');
});

t.test('a new message is a customer message event of a conversation', async (t) => {
  t.ok(isNewMessage({ name: 'message.received', kind: 'message', conversationId: 4 }));
  t.ok(isNewMessage({ name: 'conversation.created', kind: 'message', conversationId: 4 }));
  t.notOk(isNewMessage({ name: 'status.changed', kind: 'status', conversationId: 4 }));
  t.notOk(isNewMessage({ name: 'message.updated', kind: 'message', conversationId: 4 }), 'a reply sent or a reaction');
  t.notOk(isNewMessage({ name: 'message.received', kind: 'message', conversationId: null }));
});
