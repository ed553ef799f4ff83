import t from 'tap';
import { extractMessenger } from '../../../src/platforms/messenger/extract.js';

const PAGE = '404217156637689';
const USER = '1423587017700273';

/** One page entry holding the given messaging items. */
function pageBody(items: unknown[], entry: Record<string, unknown> = {}) {
  return { object: 'page', entry: [{ id: PAGE, time: 1491797604411, messaging: items, ...entry }] };
}

const fromUser = (event: Record<string, unknown>) => ({
  sender: { id: USER },
  recipient: { id: PAGE },
  timestamp: 1491797604411,
  ...event,
});

t.test('an unreact is a reaction event with no emoji on the target message', async (t) => {
  const { items } = extractMessenger(pageBody([fromUser({ reaction: { mid: 'm_target', action: 'unreact' } })]));
  t.match(items, [
    {
      kind: 'event',
      type: 'reaction',
      externalId: 'm_target',
      text: null,
      content: { kind: 'reaction', reaction: { targetId: 'm_target', emoji: null } },
    },
  ]);
});

t.test('a reaction without an emoji falls back to its name', async (t) => {
  const { items } = extractMessenger(
    pageBody([fromUser({ reaction: { mid: 'm', action: 'react', reaction: 'love' } })]),
  );
  t.match(items, [{ text: 'love', content: { extra: { action: 'react', reaction: 'love' } } }]);
});

t.test('a read watermark is a read event keyed by reader and watermark', async (t) => {
  const { items } = extractMessenger(pageBody([fromUser({ read: { watermark: 1458668856253, seq: 38 } })]));
  t.match(items, [
    {
      kind: 'event',
      type: 'read',
      itemKey: `read:${USER}:1458668856253`,
      content: { extra: { watermark: 1458668856253 } },
    },
  ]);
});

t.test('a delivery with only a watermark is kept as a delivery event', async (t) => {
  const { items } = extractMessenger(pageBody([fromUser({ delivery: { watermark: 1458668856253 } })]));
  t.match(items, [{ kind: 'event', type: 'delivery', itemKey: `delivery:${USER}:1458668856253` }]);
});

t.test('a delivery of several mids gives one delivered status each', async (t) => {
  const { items } = extractMessenger(pageBody([fromUser({ delivery: { mids: ['m1', 'm2'], watermark: 1 } })]));
  t.same(
    items.map((item) => [item.kind, item.itemKey, item.recipient]),
    [
      ['status', 'm1:status:delivered', USER],
      ['status', 'm2:status:delivered', USER],
    ],
  );
});

t.test('an echo of a template is outbound, keyed by the user and accounted to the page', async (t) => {
  const template = { type: 'template', payload: { template_type: 'button', text: 'Pick', buttons: [] } };
  const echo = {
    sender: { id: PAGE },
    recipient: { id: USER },
    timestamp: 1,
    message: { is_echo: true, app_id: 1517776481860111, mid: 'm_echo', attachments: [template] },
  };
  const { items } = extractMessenger(pageBody([echo]));
  t.match(items, [
    {
      kind: 'event',
      type: 'echo',
      direction: 'outbound',
      account: PAGE,
      conversationKey: USER,
      from: PAGE,
      content: {
        kind: 'unsupported',
        extra: { templateType: 'button', echo: { appId: '1517776481860111', type: 'template' } },
      },
    },
  ]);
});

t.test('a postback with a mid uses it; one without gets a key from the user and time', async (t) => {
  const withMid = extractMessenger(
    pageBody([fromUser({ postback: { mid: 'm_pb', title: 'Start', payload: 'GET_STARTED' } })]),
  );
  t.match(withMid.items, [
    {
      kind: 'message',
      externalId: 'm_pb',
      type: 'postback',
      text: 'Start',
      content: { kind: 'interactive_reply', reply: { title: 'Start', payload: 'GET_STARTED' } },
    },
  ]);
  const withoutMid = extractMessenger(pageBody([fromUser({ postback: { payload: 'GET_STARTED' } })]));
  t.match(withoutMid.items, [{ externalId: `postback:${USER}:2017-04-10T04:13:24.411Z`, text: null }]);
});

t.test('an edit keeps the original mid and the new text', async (t) => {
  const { items } = extractMessenger(
    pageBody([fromUser({ message_edit: { mid: 'm_orig', text: 'fixed', num_edit: 2 } })]),
  );
  t.match(items, [
    {
      type: 'edit',
      externalId: 'm_orig',
      itemKey: 'm_orig:edit:2',
      text: 'fixed',
      content: { kind: 'text', extra: { numEdit: 2 } },
    },
  ]);
});

t.test('attachments are normalised, and an album keeps every attachment', async (t) => {
  const images = [
    { type: 'image', payload: { url: 'https://x/1.jpg' } },
    { type: 'image', payload: { url: 'https://x/2.jpg' } },
  ];
  const album = extractMessenger(pageBody([fromUser({ message: { mid: 'm_album', attachments: images } })]));
  t.match(album.items[0]?.content, {
    kind: 'image',
    media: { url: 'https://x/1.jpg' },
    extra: { attachments: [{}, {}] },
  });
  const link = { type: 'fallback', payload: { title: 'A page', url: 'https://example.com' } };
  t.match(
    extractMessenger(
      pageBody([fromUser({ message: { mid: 'm_link', text: 'https://example.com', attachments: [link] } })]),
    ).items[0],
    { type: 'fallback', text: 'https://example.com', content: { kind: 'share', extra: { title: 'A page' } } },
  );
  const odd = { type: 'hologram', payload: { url: 'https://x/h' } };
  t.match(extractMessenger(pageBody([fromUser({ message: { mid: 'm_odd', attachments: [odd] } })])).items[0], {
    type: 'hologram',
    content: { kind: 'unsupported', extra: { attachmentType: 'hologram' } },
  });
  const media = ['audio', 'video', 'file'].map((type, index) =>
    fromUser({ message: { mid: `m${index}`, attachments: [{ type, payload: { url: 'u' } }] } }),
  );
  t.same(
    extractMessenger(pageBody(media)).items.map((item) => item.content?.kind),
    ['audio', 'video', 'document'],
  );
});

t.test('a sticker attachment is a sticker message with its picture as media and its sticker id', async (t) => {
  const sticker = { type: 'sticker', payload: { url: 'https://x/s.png', sticker_id: 767226160478561 } };
  const { items } = extractMessenger(pageBody([fromUser({ message: { mid: 'm_sticker', attachments: [sticker] } })]));
  t.match(items, [
    {
      type: 'sticker',
      content: { kind: 'sticker', media: { url: 'https://x/s.png' }, extra: { stickerId: '767226160478561' } },
    },
  ]);
});

t.test('a sticker sent as sticker and as its legacy image twin is one sticker, not an album', async (t) => {
  const payload = { url: 'https://x/s.png', sticker_id: 369239263222822 };
  const attachments = [
    { type: 'image', payload },
    { type: 'sticker', payload },
  ];
  const [item] = extractMessenger(pageBody([fromUser({ message: { mid: 'm_twins', attachments } })])).items;
  t.match(item, { type: 'sticker', content: { kind: 'sticker', media: { url: 'https://x/s.png' } } });
  t.same(item?.content?.extra, { stickerId: '369239263222822' }, 'no album of the two');
});

t.test('a location without coordinates is kept as unsupported content', async (t) => {
  const place = { type: 'location', payload: { title: 'Somewhere' } };
  t.match(extractMessenger(pageBody([fromUser({ message: { mid: 'm', attachments: [place] } })])).items[0], {
    type: 'location',
    content: { kind: 'unsupported' },
  });
});

t.test('a quick reply is an interactive reply whose title is the text', async (t) => {
  const { items } = extractMessenger(
    pageBody([fromUser({ message: { mid: 'm_qr', text: 'Red', quick_reply: { payload: 'RED' } } })]),
  );
  t.match(items, [
    {
      type: 'quick_reply',
      text: 'Red',
      content: { kind: 'interactive_reply', reply: { payload: 'RED', title: 'Red' } },
    },
  ]);
});

t.test('standby items are read like messaging items', async (t) => {
  const body = pageBody([], { standby: [fromUser({ message: { mid: 'm_standby', text: 'hi' } })] });
  t.match(extractMessenger(body).items, [{ externalId: 'm_standby', type: 'text' }]);
});

t.test('an event Omni does not model and a page feed change are kept as unknown events', async (t) => {
  const body = pageBody([fromUser({ optin: { ref: 'x' } })], {
    changes: [{ field: 'feed', value: { item: 'status' } }],
  });
  t.match(extractMessenger(body).items, [
    { type: 'unknown', account: PAGE, content: { kind: 'unsupported', extra: { what: 'optin' } } },
    { type: 'unknown', account: PAGE, content: { extra: { what: 'feed' } } },
  ]);
});

t.test('a receipt without a user, or a reaction without a target, is an error', async (t) => {
  const noUser = { recipient: { id: PAGE }, timestamp: 1, read: { watermark: 1 } };
  const { errors } = extractMessenger(
    pageBody([noUser, fromUser({ reaction: { action: 'react' } }), fromUser({ message: { text: 'no mid' } })]),
  );
  t.same(
    errors.map((error) => error.reason),
    ['receipt names no user', 'reaction names no message', 'message has no mid'],
  );
});
