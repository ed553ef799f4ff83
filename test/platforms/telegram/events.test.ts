import t from 'tap';
import { extractTelegramUpdate } from '../../../src/platforms/telegram/extract.js';

const user = { id: 42, is_bot: false, first_name: 'Ada' };
const privateChat = { id: 42, type: 'private', first_name: 'Ada' };
const group = { id: -100500, type: 'supergroup', title: 'G' };
const receivedAt = new Date('2026-03-01T12:00:00Z');

function extract(update: Record<string, unknown>, at = receivedAt) {
  return extractTelegramUpdate(update, at);
}

t.test('reports an edit as an edit event dated when it was edited', async (t) => {
  const edited_message = {
    message_id: 7,
    from: user,
    chat: privateChat,
    date: 1700000000,
    edit_date: 1700000060,
    text: 'fixed',
  };
  const { items } = extract({ update_id: 5, edited_message });
  t.match(items, [{ kind: 'event', type: 'edit', itemKey: 'update:5', externalId: '42:7', text: 'fixed', from: '42' }]);
  t.equal(items[0]?.timestamp, '2023-11-14T22:14:20.000Z');
  t.match(items[0]?.content, { kind: 'text', text: 'fixed' });
});

t.test('reports an edited channel post as an edit by the channel', async (t) => {
  const channel = { id: -1007, type: 'channel', title: 'News' };
  const edited_channel_post = {
    message_id: 3,
    chat: channel,
    sender_chat: channel,
    date: 1,
    edit_date: 2,
    caption: 'new caption',
    photo: [{ file_id: 'P', width: 1, height: 1 }],
  };
  const { items } = extract({ update_id: 6, edited_channel_post });
  t.match(items, [
    { type: 'edit', externalId: '-1007:3', from: '-1007', text: 'new caption', content: { kind: 'image' } },
  ]);
});

t.test('reports a button press with its data, dated when it arrived', async (t) => {
  const message = { message_id: 9, chat: privateChat, date: 1700000000, text: 'Pick one' };
  const { items } = extract({
    update_id: 7,
    callback_query: { id: 'cb1', from: user, message, chat_instance: 'ci', data: 'yes' },
  });
  t.match(items, [
    { type: 'callback_query', itemKey: 'update:7', externalId: '42:9', from: '42', text: 'yes', conversationKey: '42' },
  ]);
  t.equal(items[0]?.timestamp, receivedAt.toISOString());
  t.same(items[0]?.content?.reply, { id: 'cb1', payload: 'yes' });
  t.equal(items[0]?.content?.kind, 'interactive_reply');
});

t.test('reports presses on inaccessible and inline messages too', async (t) => {
  const gone = { message_id: 9, chat: privateChat, date: 0 };
  const [inaccessible] = extract({
    update_id: 8,
    callback_query: { id: 'cb2', from: user, message: gone, chat_instance: 'ci', data: 'x' },
  }).items;
  t.match(inaccessible?.content?.extra, { messageInaccessible: true });
  const [inline] = extract({
    update_id: 9,
    callback_query: { id: 'cb3', from: user, inline_message_id: 'IM', chat_instance: 'ci', data: 'x' },
  }).items;
  t.match(inline, { externalId: 'IM', conversationKey: null });
});

t.test('reports a removed reaction with no emoji and what was removed', async (t) => {
  const message_reaction = {
    chat: group,
    message_id: 4,
    user,
    date: 1700000000,
    old_reaction: [{ type: 'emoji', emoji: '👍' }],
    new_reaction: [],
  };
  const [item] = extract({ update_id: 10, message_reaction }).items;
  t.match(item, { type: 'reaction', externalId: '-100500:4', from: '42', text: null });
  t.same(item?.content?.reaction, { targetId: '-100500:4', emoji: null });
  t.same(item?.content?.extra, { added: [], removed: ['👍'], current: [] });
});

t.test('names the chat behind an anonymous reaction', async (t) => {
  const message_reaction = {
    chat: group,
    message_id: 4,
    actor_chat: group,
    date: 1,
    old_reaction: [],
    new_reaction: [{ type: 'paid' }],
  };
  const [item] = extract({ update_id: 11, message_reaction }).items;
  t.match(item, { from: '-100500', content: { reaction: { emoji: 'paid' } } });
});

t.test('reports members joining and leaving, and a user blocking the bot', async (t) => {
  const member = (status: string, extra = {}) => ({
    user: { id: 77, is_bot: false, first_name: 'M' },
    status,
    ...extra,
  });
  const chat_member = {
    chat: group,
    from: user,
    date: 1,
    old_chat_member: member('member'),
    new_chat_member: member('restricted', { is_member: false }),
  };
  const [left] = extract({ update_id: 12, chat_member }).items;
  t.match(left, { type: 'membership', externalId: '-100500:member:77', from: '42', conversationKey: '-100500' });
  t.match(left?.content?.extra?.membership, {
    scope: 'member',
    change: 'left',
    oldStatus: 'member',
    newStatus: 'restricted',
  });
  const bot = { id: 1, is_bot: true, first_name: 'Bot' };
  const my_chat_member = {
    chat: privateChat,
    from: user,
    date: 1,
    old_chat_member: { user: bot, status: 'member' },
    new_chat_member: { user: bot, status: 'kicked', until_date: 0 },
  };
  const [blocked] = extract({ update_id: 13, my_chat_member }).items;
  t.match(blocked?.content?.extra?.membership, { scope: 'bot', change: 'left', newStatus: 'kicked' });
});

t.test('keeps an update kind it does not model as an unknown event', async (t) => {
  const inline_query = { id: 'q', from: user, query: 'cats', offset: '' };
  const { items, errors } = extract({ update_id: 14, inline_query });
  t.same(errors, []);
  t.match(items, [
    {
      kind: 'event',
      type: 'unknown',
      itemKey: 'update:14',
      from: '42',
      content: { kind: 'unsupported', extra: { updateKind: 'inline_query' } },
    },
  ]);
  t.same(items[0]?.raw, { update_id: 14, inline_query });
});

t.test('gives a redelivered update the same item keys', async (t) => {
  const updates = [
    { update_id: 15, message: { message_id: 1, chat: privateChat, from: user, date: 1, text: 'a' } },
    { update_id: 16, callback_query: { id: 'cb', from: user, chat_instance: 'ci', data: 'd' } },
    { message_reaction: { chat: group, message_id: 4, user, date: 1, old_reaction: [], new_reaction: [] } },
    { poll_answer: { poll_id: 'p', user, option_ids: [0] } },
  ];
  for (const update of updates) {
    const first = extract(update, new Date('2026-01-01T00:00:00Z')).items.map((item) => item.itemKey);
    const again = extract(structuredClone(update), new Date('2026-02-01T00:00:00Z')).items.map((item) => item.itemKey);
    t.same(again, first, first.join());
    t.equal(first.length, 1);
  }
});

t.test('turns a payload without the ids it needs into an error and keeps the rest', async (t) => {
  const { items, errors } = extract({ update_id: 17, message: { text: 'no chat' }, inline_query: { id: 'q' } });
  t.match(errors, [{ path: 'message', raw: { text: 'no chat' } }]);
  t.match(items, [{ type: 'unknown', itemKey: 'update:17:inline_query' }]);
});

t.test('reports a body that is no update as an error', async (t) => {
  for (const body of [null, 'text', 3, [], { update_id: 1 }]) {
    const { items, errors } = extract(body as never);
    t.same(items, []);
    t.equal(errors.length, 1, JSON.stringify(body));
  }
});
