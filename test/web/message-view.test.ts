import t from 'tap';
import type { Message, QuotedMessage } from '../../web/api-types.js';
import { mapLink, messageKind, quoteOf, reactionChips, shownText, threadMessages } from '../../web/message-view.js';

const message = (extra: Partial<Message>): Message => ({
  id: 1,
  externalId: 'wamid.1',
  direction: 'inbound',
  type: 'text',
  contentKind: null,
  text: null,
  content: null,
  platformTimestamp: '2025-06-08T20:59:43.000Z',
  deliveryStatus: null,
  deliveryError: null,
  attachments: [],
  reactions: [],
  edit: null,
  deletedAt: null,
  replyTo: null,
  ...extra,
});

t.test('a message body is a reaction, media, a place or text, by its kind', async (t) => {
  t.equal(messageKind(message({ type: 'reaction' })), 'reaction');
  t.equal(messageKind(message({ type: 'image' })), 'media');
  t.equal(messageKind(message({ type: 'unknown', content: { media: { id: '1' } } })), 'media');
  t.equal(messageKind(message({ type: 'text', contentKind: 'voice' })), 'media', 'the content kind decides');
  const place = { kind: 'location', location: { latitude: 41.9, longitude: 12.5 } };
  t.equal(messageKind(message({ type: 'location', contentKind: 'location', content: place })), 'location');
  t.equal(
    messageKind(message({ type: 'location', contentKind: 'location' })),
    'text',
    'a location without coordinates has no map to link: its kind is written out',
  );
  t.equal(messageKind(message({ type: 'text' })), 'text');
});

t.test('an edited message shows its latest text, even an edit that removed it', async (t) => {
  t.equal(shownText(message({ text: 'Hallo' })), 'Hallo');
  t.equal(shownText(message({ text: 'Hallo', edit: { text: 'Hallo!', at: '2026-06-01T11:21:35Z' } })), 'Hallo!');
  t.equal(shownText(message({ text: 'Hallo', edit: { text: null, at: '2026-06-01T11:21:35Z' } })), null);
});

t.test('a reaction that came as a message shows on its target when the thread lists it, else alone', async (t) => {
  const target = message({ id: 1, externalId: 'wamid.TARGET' });
  const reaction = (id: number, targetId: string) =>
    message({
      id,
      externalId: `wamid.R${id}`,
      type: 'reaction',
      content: { kind: 'reaction', reaction: { targetId } },
    });
  const shown = threadMessages([target, reaction(2, 'wamid.TARGET'), reaction(3, 'wamid.OLDER')]);
  t.same(
    shown.map((m) => m.id),
    [1, 3],
    'the one on a listed message is folded into it; the one on an older message stays a bubble',
  );
});

t.test('reactions show one chip per emoji, counted, naming who left it', async (t) => {
  const at = '2026-06-01T11:21:35Z';
  t.same(
    reactionChips([
      { emoji: '❤️', from: '456', at },
      { emoji: '🤡', from: '456', at },
      { emoji: '❤️', from: null, at },
    ]),
    [
      { emoji: '❤️', count: 2, title: '❤️ by 456, someone' },
      { emoji: '🤡', count: 1, title: '🤡 by 456' },
    ],
  );
  t.same(reactionChips([]), []);
});

t.test('a quote shows the quoted text, else its kind, else that it answers an earlier message', async (t) => {
  const quoted = (extra: Partial<QuotedMessage>): QuotedMessage => ({
    externalId: 'x',
    messageId: null,
    direction: null,
    text: null,
    contentKind: null,
    ...extra,
  });
  t.same(quoteOf(quoted({ messageId: 4, direction: 'inbound', text: 'Is it blue?', contentKind: 'text' })), {
    text: 'Is it blue?',
    direction: 'inbound',
    messageId: 4,
  });
  t.equal(quoteOf(quoted({ messageId: 4, contentKind: 'image' })).text, '[image]');
  t.same(quoteOf(quoted({})), { text: 'an earlier message', direction: null, messageId: null });
});

t.test('a place links to OpenStreetMap at its coordinates, never to the link the customer sent', async (t) => {
  t.same(mapLink({ latitude: 41.899977, longitude: 12.501028 }), {
    href: 'https://www.openstreetmap.org/?mlat=41.899977&mlon=12.501028#map=16/41.899977/12.501028',
    label: '41.89998, 12.50103',
  });
  t.same(
    mapLink({ latitude: 1, longitude: 2, name: 'Philz Coffee', address: '1 Main St', url: 'https://philz.example/' }),
    { href: 'https://www.openstreetmap.org/?mlat=1&mlon=2#map=16/1/2', label: 'Philz Coffee' },
    'an https link from the platform is not followed: its name is text, the map is OpenStreetMap',
  );
  t.same(mapLink({ latitude: 1, longitude: 2, address: '1 Main St' })?.label, '1 Main St', 'else its address');
  t.equal(
    mapLink({ latitude: 1, longitude: 2, url: 'javascript:alert(1)' })?.href?.startsWith(
      'https://www.openstreetmap.org/',
    ),
    true,
    'a link that is not https is never followed',
  );
  t.same(
    mapLink({ name: 'somewhere', url: 'https://phish.example/' }),
    { href: null, label: 'somewhere' },
    'no coordinates: the name as text, nothing to open',
  );
  t.equal(mapLink({ url: 'https://phish.example/' }), null, 'no coordinates and no name: nothing to show');
});
