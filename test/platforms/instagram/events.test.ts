import t from 'tap';
import { extractInstagram } from '../../../src/platforms/instagram/extract.js';

const IG = '17841465042465777';
const IGSID = '25071364142507508';

function igBody(entry: Record<string, unknown>) {
  return { object: 'instagram', entry: [{ id: IG, time: 1712740660167, ...entry }] };
}

const byUser = (event: Record<string, unknown>) => ({
  sender: { id: IGSID },
  recipient: { id: IG },
  timestamp: 1712740659552,
  ...event,
});
const messaging = (...items: unknown[]) => igBody({ messaging: items });

t.test('a seen message is a read status for that mid', async (t) => {
  const { items } = extractInstagram(messaging(byUser({ read: { mid: 'aWdf_seen' } })));
  t.match(items, [
    { kind: 'status', status: 'read', externalId: 'aWdf_seen', itemKey: 'aWdf_seen:status:read', recipient: IGSID },
  ]);
});

t.test("an echo belongs to the business account and the customer's conversation", async (t) => {
  const echo = {
    sender: { id: IG },
    recipient: { id: IGSID },
    timestamp: 1,
    message: { mid: 'aWdf_echo', text: 'hello', is_echo: true },
  };
  t.match(extractInstagram(messaging(echo)).items, [
    { type: 'echo', account: IG, conversationKey: IGSID, direction: 'outbound', text: 'hello' },
  ]);
});

t.test('a story reply is story_reply content with the story kept', async (t) => {
  const message = { mid: 'aWdf_r', text: 'nice', reply_to: { story: { id: 'story_1', url: 'https://cdn/story' } } };
  t.match(extractInstagram(messaging(byUser({ message }))).items, [
    {
      type: 'text',
      text: 'nice',
      content: { kind: 'story_reply', extra: { story: { id: 'story_1', url: 'https://cdn/story' } } },
    },
  ]);
});

t.test('shares, reels, posts, GIFs and story mentions are normalised', async (t) => {
  const kinds = [
    ['share', { url: 'https://x/s' }, 'share'],
    ['ig_reel', { url: 'https://x/r', reel_video_id: '1', title: 'Reel' }, 'share'],
    ['ig_post', { url: 'https://x/p', ig_post_media_id: '2', title: 'Post' }, 'share'],
    ['animated_image', { url: 'https://x/g' }, 'image'],
    ['story_mention', { url: 'https://x/m' }, 'story_mention'],
  ] as const;
  const items = kinds.map(([type, payload], index) =>
    byUser({ message: { mid: `m${index}`, attachments: [{ type, payload }] } }),
  );
  const extracted = extractInstagram(messaging(...items)).items;
  t.same(
    extracted.map((item) => [item.type, item.content?.kind]),
    kinds.map(([type, , kind]) => [type, kind]),
  );
  t.match(extracted[2]?.content?.extra, { mediaId: '2', title: 'Post' });
});

t.test('a post shared as ig_post beside its legacy share twin is one ig_post message, not an album', async (t) => {
  const post = { ig_post_media_id: '18139494541428835', title: 'Caption', url: 'https://x/p' };
  const attachments = [
    { type: 'share', payload: post },
    { type: 'ig_post', payload: post },
  ];
  const [item] = extractInstagram(messaging(byUser({ message: { mid: 'm_post', attachments } }))).items;
  t.match(item, { type: 'ig_post', content: { kind: 'share', media: { url: 'https://x/p' } } });
  t.same(item?.content?.extra, { mediaId: '18139494541428835', title: 'Caption' });
});

t.test('a share with no ig_post beside it is still read as a share', async (t) => {
  const message = { mid: 'm_share', attachments: [{ type: 'share', payload: { url: 'https://x/s' } }] };
  t.match(extractInstagram(messaging(byUser({ message }))).items, [
    { type: 'share', content: { kind: 'share', media: { url: 'https://x/s' } } },
  ]);
});

t.test('a PDF is a file message shown as a document, its url the media to fetch', async (t) => {
  const message = { mid: 'm_pdf', attachments: [{ type: 'file', payload: { url: 'https://x/doc.pdf' } }] };
  t.match(extractInstagram(messaging(byUser({ message }))).items, [
    { type: 'file', content: { kind: 'document', media: { url: 'https://x/doc.pdf' } } },
  ]);
});

t.test('a message Instagram cannot deliver is unsupported', async (t) => {
  const { items } = extractInstagram(messaging(byUser({ message: { mid: 'm_u', is_unsupported: true } })));
  t.match(items, [{ type: 'unsupported', content: { kind: 'unsupported' } }]);
});

t.test('an empty message is unsupported rather than dropped', async (t) => {
  t.match(extractInstagram(messaging(byUser({ message: { mid: 'm_e' } }))).items, [
    { type: 'unsupported', text: null },
  ]);
});

t.test('a reaction is an event on the reacted message', async (t) => {
  const reaction = { mid: 'aWdf_t', action: 'react', reaction: 'love', emoji: '❤️' };
  t.match(extractInstagram(messaging(byUser({ reaction }))).items, [
    { type: 'reaction', externalId: 'aWdf_t', text: '❤️', from: IGSID },
  ]);
});

t.test('a mention in a comment targets the comment, one in a caption the media', async (t) => {
  const changes = [
    { field: 'mentions', value: { media_id: 'media_1', comment_id: 'comment_1' } },
    { field: 'mentions', value: { media_id: 'media_2' } },
  ];
  const { items } = extractInstagram(igBody({ time: 1520622968, changes }));
  t.match(items, [
    {
      type: 'mention',
      externalId: 'comment_1',
      itemKey: 'comment_1:mention',
      account: IG,
      timestamp: '2018-03-09T19:16:08.000Z',
    },
    { type: 'mention', externalId: 'media_2', content: { extra: { mediaId: 'media_2' } } },
  ]);
});

t.test('a reply to a comment keeps its parent and media', async (t) => {
  const value = {
    id: 'c2',
    parent_id: 'c1',
    text: 'thanks',
    from: { id: 'u1', username: 'ann' },
    media: { id: 'm1', media_product_type: 'REELS' },
  };
  const { items } = extractInstagram(igBody({ changes: [{ field: 'live_comments', value }] }));
  t.match(items, [
    {
      type: 'comment',
      from: 'u1',
      conversationKey: 'u1',
      text: 'thanks',
      content: { extra: { parentId: 'c1', mediaProductType: 'REELS', field: 'live_comments' } },
    },
  ]);
});

t.test('a dashboard test of the messages field, with a string of seconds, reads as a message', async (t) => {
  const value = {
    sender: { id: '12334' },
    recipient: { id: '23245' },
    timestamp: '1527459824',
    message: { mid: 'random_mid', text: 'random_text' },
  };
  const { items } = extractInstagram(igBody({ id: '0', changes: [{ field: 'messages', value }] }));
  t.match(items, [
    {
      kind: 'message',
      externalId: 'random_mid',
      account: '23245',
      from: '12334',
      text: 'random_text',
      timestamp: '2018-05-27T22:23:44.000Z',
    },
  ]);
});

t.test('other fields and malformed changes are kept as unknown events or errors', async (t) => {
  const changes = [
    { field: 'story_insights', value: { media_id: '1', reach: 4 } },
    { field: 'comments', value: { text: 'no id' } },
    { field: 'mentions', value: {} },
    'x',
  ];
  const { items, errors } = extractInstagram(igBody({ changes }));
  t.match(items, [{ type: 'unknown', content: { extra: { what: 'story_insights' } } }]);
  t.same(
    errors.map((error) => error.reason),
    ['comment has no id', 'mention names no media and no comment', 'change is not an object'],
  );
});
