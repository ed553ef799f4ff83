import t from 'tap';
import { parseConversationKey } from '../../../src/platforms/telegram/address.js';
import { extractTelegramUpdate } from '../../../src/platforms/telegram/extract.js';
import { telegramSendRequest } from '../../../src/platforms/telegram/send.js';
import type { OutboundMessage, ReplyContent } from '../../../src/platforms/types.js';
import { loadFixture } from '../../helpers/fixtures.js';

const receivedAt = new Date('2026-06-01T12:00:00Z');
const extract = (id: string) => extractTelegramUpdate(loadFixture('telegram', id).body, receivedAt);
const CONNECTION = 'BsAkXhOqyEtEAQAAhZyOxFaJ3Ag';

function request(conversationKey: string, content: ReplyContent = { kind: 'text', text: 'Ja' }, replyTo?: string) {
  const message = { account: null, conversationKey, content, replyTo } as unknown as OutboundMessage;
  return telegramSendRequest(message);
}

t.test(
  'a business message is filed apart from the bot chat with the same id, and its reply names the connection',
  async (t) => {
    const [item] = extract('telegram-business-message').items;
    t.match(item, {
      kind: 'message',
      direction: 'inbound',
      externalId: `business:${CONNECTION}:5312466907:311`,
      conversationKey: `business:${CONNECTION}:5312466907`,
    });
    t.same(request(item!.conversationKey!, { kind: 'text', text: 'Ja, noch da.' }, item!.externalId), {
      method: 'sendMessage',
      chatKey: `business:${CONNECTION}:5312466907`,
      body: {
        business_connection_id: CONNECTION,
        chat_id: '5312466907',
        text: 'Ja, noch da.',
        reply_parameters: { message_id: 311, allow_sending_without_reply: true },
      },
    });
  },
);

t.test('a connection id holding a colon survives the conversation key', async (t) => {
  const key = `business:${encodeURIComponent('a:b/c')}:42`;
  t.same(parseConversationKey(key), { chatId: '42', route: { kind: 'business', connectionId: 'a:b/c' } });
  t.equal(parseConversationKey('not a key'), undefined);
});

t.test('deleted business messages become one delete event per message, each naming its message', async (t) => {
  const { items, errors } = extract('telegram-deleted-business-messages');
  t.same(errors, []);
  t.match(items, [
    {
      kind: 'event',
      type: 'delete',
      externalId: `business:${CONNECTION}:5312466907:311`,
      itemKey: 'update:421770004:311',
    },
    {
      kind: 'event',
      type: 'delete',
      externalId: `business:${CONNECTION}:5312466907:312`,
      itemKey: 'update:421770004:312',
    },
  ]);
  t.equal(items[0]?.conversationKey, `business:${CONNECTION}:5312466907`);
});

t.test("the business connection itself is an event in the owner's chat with the bot", async (t) => {
  const [item] = extract('telegram-business-connection').items;
  t.match(item, { type: 'business_connection', from: '6120985243', conversationKey: '6120985243' });
  t.match(item?.content?.extra?.businessConnection, { id: CONNECTION, isEnabled: true, rights: { can_reply: true } });
});

t.test('an edited business message is an edit of the business-keyed message', async (t) => {
  const [item] = extract('telegram-edited-business-message').items;
  t.match(item, { type: 'edit', externalId: `business:${CONNECTION}:5312466907:311` });
});

t.test('a message in a channel direct-messages topic is its own conversation, answered in that topic', async (t) => {
  const [item] = extract('telegram-direct-messages-topic').items;
  t.match(item, { externalId: '-1002411559900:73', conversationKey: '-1002411559900:dm:5312466907' });
  t.same(request(item!.conversationKey!)?.body, {
    chat_id: '-1002411559900',
    direct_messages_topic_id: 5312466907,
    text: 'Ja',
  });
});

t.test('a forum topic reply still goes with message_thread_id', async (t) => {
  t.same(request('-1001234:77')?.body, { chat_id: '-1001234', message_thread_id: 77, text: 'Ja' });
});

t.test('a guest message is keyed by its query, and a text reply answers the query', async (t) => {
  const [item] = extract('telegram-guest-message').items;
  t.match(item, {
    kind: 'message',
    externalId: 'guest:4417735512398120061:-1001873342211:5521',
    conversationKey: 'guest:4417735512398120061:-1001873342211',
    content: { extra: { guestQueryId: '4417735512398120061' } },
  });
  t.match(request(item!.conversationKey!, { kind: 'text', text: 'Sonntags ab 10.' }), {
    method: 'answerGuestQuery',
    body: {
      guest_query_id: '4417735512398120061',
      result: { type: 'article', input_message_content: { message_text: 'Sonntags ab 10.' } },
    },
  });
  const image: ReplyContent = { kind: 'media', mediaType: 'image', url: 'https://cdn.example.com/a.jpg' };
  t.equal(request(item!.conversationKey!, image), undefined, 'a media answer to a guest query is refused');
});

t.test('anonymous reaction totals are a reaction_count event on the post', async (t) => {
  const [item] = extract('telegram-message-reaction-count').items;
  t.match(item, { type: 'reaction_count', externalId: '-1002298374650:88', from: null, text: '👍 14 · 🔥 3 · paid 1' });
  t.same(item?.content?.extra?.counts, [
    { reaction: '👍', count: 14 },
    { reaction: '🔥', count: 3 },
    { reaction: 'paid', count: 1 },
  ]);
});

t.test('a paid media purchase names the buyer and the payload, in no conversation', async (t) => {
  const [item] = extract('telegram-purchased-paid-media').items;
  t.match(item, {
    type: 'paid_media_purchase',
    from: '5312466907',
    conversationKey: null,
    text: 'catalogue-2026-spring',
  });
});

t.test('paid media shows its price and items; a checklist its title and tasks', async (t) => {
  const [paid] = extract('telegram-paid-media').items;
  t.match(paid, { type: 'paid_media', text: 'Making-of: the spring collection' });
  t.same(paid?.content?.extra?.paidMedia, { starCount: 25, items: ['preview', 'preview'] });
  const [checklist] = extract('telegram-checklist').items;
  t.match(checklist, { type: 'checklist', text: 'Saisonstart' });
  t.match(checklist?.content?.extra?.checklist, {
    tasks: [
      { id: 1, done: false },
      { id: 2, done: true, completedBy: '6120985243' },
    ],
  });
});

t.test('an update kind Omni does not model is kept raw as an unknown event', async (t) => {
  const fixture = loadFixture('telegram', 'telegram-managed-bot-unknown');
  const { items, errors } = extract('telegram-managed-bot-unknown');
  t.same(errors, []);
  t.match(items, [{ type: 'unknown', itemKey: 'update:421770011', content: { extra: { updateKind: 'managed_bot' } } }]);
  t.same(items[0]?.raw, fixture.body);
});
