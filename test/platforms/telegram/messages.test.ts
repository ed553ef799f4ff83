import t, { type Test } from 'tap';
import { extractTelegramUpdate } from '../../../src/platforms/telegram/extract.js';
import type { InboundItem } from '../../../src/platforms/types.js';

const user = { id: 42, is_bot: false, first_name: 'Ada' };
const privateChat = { id: 42, type: 'private', first_name: 'Ada' };
const forum = { id: -1001234567489, type: 'supergroup', title: 'Forum', is_forum: true };

function message(fields: Record<string, unknown>): Record<string, unknown> {
  return { message_id: 7, from: user, chat: privateChat, date: 1700000000, ...fields };
}

/** The single item of a one-payload update, asserting nothing went to errors. */
function itemOf(t: Test, update: Record<string, unknown>): InboundItem {
  const { items, errors } = extractTelegramUpdate({ update_id: 100, ...update });
  t.same(errors, []);
  t.equal(items.length, 1);
  return items[0] as InboundItem;
}

t.test('reads a document with its file name, type and caption', async (t) => {
  const document = {
    file_id: 'F',
    file_unique_id: 'U',
    file_name: 'a.pdf',
    mime_type: 'application/pdf',
    file_size: 9,
  };
  const item = itemOf(t, { message: message({ document, caption: 'the contract' }) });
  t.match(item, { type: 'document', text: 'the contract' });
  t.same(item.content?.media, { id: 'F', mimeType: 'application/pdf', size: 9, filename: 'a.pdf' });
  t.equal(item.content?.caption, 'the contract');
});

t.test('reads audio, video and round video notes as their kinds', async (t) => {
  const audio = itemOf(t, { message: message({ audio: { file_id: 'A', duration: 200, performer: 'P', title: 'T' } }) });
  t.match(audio, {
    type: 'audio',
    content: { kind: 'audio', media: { durationSeconds: 200 }, extra: { performer: 'P', title: 'T' } },
  });
  const video = itemOf(t, { message: message({ video: { file_id: 'V', width: 640, height: 360, duration: 5 } }) });
  t.match(video, { type: 'video', content: { kind: 'video', media: { width: 640, height: 360 } } });
  const note = itemOf(t, { message: message({ video_note: { file_id: 'N', length: 240, duration: 4 } }) });
  t.match(note, {
    type: 'video_note',
    content: { kind: 'video', media: { width: 240, height: 240, durationSeconds: 4 } },
  });
});

t.test('reads an animation as a video, not as the document Telegram also sets', async (t) => {
  const file = { file_id: 'G', file_name: 'cat.mp4', mime_type: 'video/mp4' };
  const item = itemOf(t, { message: message({ animation: { ...file, duration: 3 }, document: file }) });
  t.match(item, { type: 'animation', content: { kind: 'video', media: { id: 'G', durationSeconds: 3 } } });
});

t.test('gives stickers the mime type their format flags imply', async (t) => {
  const still = itemOf(t, {
    message: message({ sticker: { file_id: 'S', emoji: '😀', is_animated: false, is_video: false } }),
  });
  t.match(still, {
    type: 'sticker',
    text: null,
    content: { kind: 'sticker', media: { mimeType: 'image/webp' }, extra: { emoji: '😀' } },
  });
  const animated = itemOf(t, { message: message({ sticker: { file_id: 'S', is_animated: true } }) });
  t.equal(animated.content?.media?.mimeType, 'application/x-tgsticker');
  const video = itemOf(t, { message: message({ sticker: { file_id: 'S', is_video: true } }) });
  t.equal(video.content?.media?.mimeType, 'video/webm');
});

t.test('reads a venue as a named location rather than bare coordinates', async (t) => {
  const point = { latitude: 52.516275, longitude: 13.377704 };
  const venue = { location: point, title: 'Brandenburg Gate', address: 'Pariser Platz', foursquare_id: '4adc' };
  const item = itemOf(t, { message: message({ location: point, venue }) });
  t.match(item, { type: 'location', text: null });
  t.same(item.content?.location, { ...point, name: 'Brandenburg Gate', address: 'Pariser Platz' });
  t.same(item.content?.extra, { venue: { foursquareId: '4adc' } });
});

t.test('shows a poll as its question and keeps the options', async (t) => {
  const poll = {
    id: 'P1',
    question: 'Lunch?',
    options: [{ text: 'Yes', voter_count: 3 }],
    type: 'regular',
    is_anonymous: true,
  };
  const item = itemOf(t, { message: message({ poll }) });
  t.match(item, { type: 'poll', text: 'Lunch?', content: { kind: 'text', text: 'Lunch?' } });
  t.same(item.content?.extra?.poll, {
    id: 'P1',
    question: 'Lunch?',
    options: [{ text: 'Yes', voterCount: 3 }],
    type: 'regular',
    isAnonymous: true,
  });
});

t.test('reads dice and web app data', async (t) => {
  t.match(itemOf(t, { message: message({ dice: { emoji: '🎲', value: 4 } }) }), {
    type: 'dice',
    text: '🎲',
    content: { extra: { dice: { value: 4 } } },
  });
  const webApp = itemOf(t, { message: message({ web_app_data: { data: '{"size":2}', button_text: 'Order' } }) });
  t.match(webApp, {
    type: 'web_app_data',
    content: { kind: 'interactive_reply', reply: { title: 'Order', payload: '{"size":2}' } },
  });
});

t.test('turns service messages into system items naming what happened', async (t) => {
  const left = itemOf(t, { message: message({ chat: { id: -5, type: 'group' }, left_chat_member: { id: 9 } }) });
  t.match(left, {
    type: 'system',
    text: null,
    content: { kind: 'system', extra: { service: 'left_chat_member', userIds: ['9'] } },
  });
  const pinned = itemOf(t, {
    message: message({ chat: { id: -5, type: 'group' }, pinned_message: { message_id: 3, chat: { id: -5 }, date: 1 } }),
  });
  t.match(pinned.content?.extra, { service: 'pinned_message', pinned: '-5:3' });
});

t.test('keeps a message with content it does not know as unsupported', async (t) => {
  const item = itemOf(t, { message: message({ rich_message: { blocks: [] } }) });
  t.match(item, { kind: 'message', type: 'unsupported', content: { kind: 'unsupported' } });
  t.match(item.raw, { message: { rich_message: { blocks: [] } } });
});

t.test('points a reply at <chat.id>:<message_id> and keeps the quoted part', async (t) => {
  const reply_to_message = { message_id: 3, chat: privateChat, date: 1, text: 'the long original' };
  const quote = { text: 'original', position: 9, is_manual: true };
  const item = itemOf(t, { message: message({ text: 'yes', reply_to_message, quote }) });
  t.equal(item.content?.replyTo, '42:3');
  t.same(item.content?.extra?.quote, { text: 'original', position: 9, isManual: true });
});

t.test('gives each forum topic its own conversation, without the implicit reply to the topic', async (t) => {
  const root = { message_id: 33, chat: forum, date: 1, message_thread_id: 33, forum_topic_created: { name: 'Help' } };
  const inTopic = itemOf(t, {
    message: message({
      chat: forum,
      message_thread_id: 33,
      is_topic_message: true,
      reply_to_message: root,
      text: 'hi',
    }),
  });
  t.equal(inTopic.conversationKey, '-1001234567489:33');
  t.equal(inTopic.content?.replyTo, undefined);
  t.match(inTopic.content?.extra, { threadId: 33, isTopicMessage: true });
  const answered = { message_id: 40, chat: forum, date: 1, message_thread_id: 33, text: 'q' };
  const reply = itemOf(t, {
    message: message({
      chat: forum,
      message_thread_id: 33,
      is_topic_message: true,
      reply_to_message: answered,
      text: 'a',
    }),
  });
  t.equal(reply.content?.replyTo, '-1001234567489:40');
  const general = itemOf(t, { message: message({ chat: forum, text: 'in General' }) });
  t.equal(general.conversationKey, '-1001234567489');
});

t.test('names the chat a message was sent on behalf of as its author', async (t) => {
  const group = { id: -1009, type: 'supergroup', title: 'G' };
  const anonymousAdmin = { id: 1087968824, is_bot: true, first_name: 'Group' };
  const item = itemOf(t, { message: message({ chat: group, from: anonymousAdmin, sender_chat: group, text: 'hi' }) });
  t.equal(item.from, '-1009');
});

t.test('marks business messages written by the account owner as outbound', async (t) => {
  const customerChat = { id: 500, type: 'private', first_name: 'C' };
  const base = { chat: customerChat, business_connection_id: 'conn', text: 'hello' };
  const fromCustomer = itemOf(t, {
    business_message: message({ ...base, from: { id: 500, is_bot: false, first_name: 'C' } }),
  });
  t.equal(fromCustomer.direction, 'inbound');
  const fromOwner = itemOf(t, {
    business_message: message({ ...base, from: { id: 10, is_bot: false, first_name: 'O' } }),
  });
  t.equal(fromOwner.direction, 'outbound');
  t.match(fromOwner.content?.extra, { businessConnectionId: 'conn' });
});
