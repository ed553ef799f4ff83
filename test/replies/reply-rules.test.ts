import t from 'tap';
import { messagingSendBody } from '../../src/platforms/meta/messaging/send.js';
import type { PlatformName, ReplyContent } from '../../src/platforms/types.js';
import { checkReplyRules, type ReplyDraft } from '../../src/replies/reply-rules.js';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const NOW = new Date('2026-03-02T12:00:00Z');
/** The customer's last message, this long before NOW. */
const ago = (ms: number) => new Date(NOW.getTime() - ms);

const text = (body: string): ReplyContent => ({ kind: 'text', text: body });
const image = (caption?: string): ReplyContent => ({
  kind: 'media',
  mediaType: 'image',
  url: 'https://cdn.example.com/a.jpg',
  ...(caption !== undefined ? { caption } : {}),
});
const template: ReplyContent = { kind: 'template', name: 'follow_up', language: 'en' };

/** The rules' answer for a reply whose customer last wrote at `lastInboundAt` (default: just now). */
function check(platform: PlatformName, draft: ReplyDraft, lastInboundAt: Date | null = NOW) {
  return checkReplyRules(platform, draft, lastInboundAt, NOW);
}

t.test('WhatsApp after 24 hours takes only a template', async (t) => {
  t.same(check('whatsapp', { content: text('Sorry for the wait') }, ago(DAY_MS)), {}, 'at 24 hours, still open');
  t.throws(() => check('whatsapp', { content: text('Sorry for the wait') }, ago(DAY_MS + 1)), {
    code: 'OMNI_ERR_REPLY_WINDOW_CLOSED',
    message: /only a template/,
  });
  t.same(check('whatsapp', { content: template }, ago(300 * DAY_MS)), {}, 'a template, however late');
  t.throws(
    () => check('whatsapp', { content: text('Hello') }, null),
    { code: 'OMNI_ERR_REPLY_WINDOW_CLOSED' },
    'a conversation the customer never wrote in has no window',
  );
});

t.test('Messenger and Instagram after 24 hours need the HUMAN_AGENT tag, and then send as a MESSAGE_TAG', async (t) => {
  for (const platform of ['messenger', 'instagram'] as const) {
    t.same(check(platform, { content: text('Here now') }, ago(DAY_MS)), {}, `${platform}: inside the window, no tag`);
    t.throws(() => check(platform, { content: text('Here now') }, ago(3 * DAY_MS)), {
      code: 'OMNI_ERR_REPLY_WINDOW_CLOSED',
      message: /HUMAN_AGENT/,
    });
    t.same(
      check(platform, { content: text('Here now'), tag: 'HUMAN_AGENT' }, ago(7 * DAY_MS)),
      { tag: 'HUMAN_AGENT' },
      `${platform}: the tag keeps it open for 7 days`,
    );
    t.throws(
      () => check(platform, { content: text('Here now'), tag: 'HUMAN_AGENT' }, ago(7 * DAY_MS + 1)),
      { code: 'OMNI_ERR_REPLY_WINDOW_CLOSED', message: /7 days/ },
      `${platform}: and no longer`,
    );
  }
  t.same(
    check('messenger', { content: text('Early'), tag: 'HUMAN_AGENT' }, ago(HOUR_MS)),
    {},
    'inside the window the tag is not sent',
  );

  // What the sender passes besides the content; the slot is the sender's business, not this rule's.
  const toPage = { account: '1234567890', conversationKey: '5678', waitForSlot: async () => {} };
  const { tag } = check('messenger', { content: text('Here now'), tag: 'HUMAN_AGENT' }, ago(3 * DAY_MS));
  t.match(messagingSendBody({ ...toPage, content: text('Here now'), tag }), {
    messaging_type: 'MESSAGE_TAG',
    tag: 'HUMAN_AGENT',
    message: { text: 'Here now' },
  });
  const { tag: none } = check('messenger', { content: text('Right away') });
  t.match(
    messagingSendBody({ ...toPage, content: text('Right away'), tag: none }),
    { messaging_type: 'RESPONSE', tag: undefined },
    'a reply inside the window goes as a RESPONSE',
  );
});

t.test('Telegram has no window', async (t) => {
  t.same(check('telegram', { content: text('Hi again') }, ago(365 * DAY_MS)), {});
  t.same(check('telegram', { content: text('Hi') }, null), {});
});

t.test("texts and captions over the platform's limit are refused", async (t) => {
  t.throws(() => check('instagram', { content: text('x'.repeat(1001)) }), {
    code: 'OMNI_ERR_REPLY_TOO_LONG',
    message: /at most 1000/,
  });
  t.same(check('instagram', { content: text('😀'.repeat(1000)) }), {}, 'counted in characters, not bytes');
  for (const [platform, limit] of [
    ['whatsapp', 4096],
    ['messenger', 2000],
    ['telegram', 4096],
  ] as const) {
    t.same(check(platform, { content: text('x'.repeat(limit)) }), {}, `${platform}: ${limit} characters`);
    t.throws(() => check(platform, { content: text('x'.repeat(limit + 1)) }), { code: 'OMNI_ERR_REPLY_TOO_LONG' });
  }
  t.throws(() => check('whatsapp', { content: text('  \n') }), {
    code: 'OMNI_ERR_REPLY_INVALID',
    message: 'the text is empty',
  });

  t.same(check('telegram', { content: image('c'.repeat(1024)) }), {}, 'a caption of 1024 characters');
  t.throws(() => check('telegram', { content: image('c'.repeat(1025)) }), {
    code: 'OMNI_ERR_REPLY_TOO_LONG',
    message: /at most 1024/,
  });
  t.throws(() => check('whatsapp', { content: image('c'.repeat(1025)) }), { code: 'OMNI_ERR_REPLY_TOO_LONG' });
});

t.test('a caption goes only where the platform shows one', async (t) => {
  for (const platform of ['messenger', 'instagram'] as const) {
    t.throws(() => check(platform, { content: image('hi') }), {
      code: 'OMNI_ERR_REPLY_INVALID',
      message: /no caption/,
    });
    t.same(check(platform, { content: image() }), {}, `${platform}: media without a caption`);
  }
  const audio: ReplyContent = {
    kind: 'media',
    mediaType: 'audio',
    url: 'https://cdn.example.com/a.ogg',
    caption: 'hi',
  };
  t.throws(() => check('whatsapp', { content: audio }), {
    code: 'OMNI_ERR_REPLY_INVALID',
    message: /no caption on audio/,
  });
  t.same(check('whatsapp', { content: image('The blue one') }), {});
});

t.test('only WhatsApp has message templates', async (t) => {
  for (const platform of ['messenger', 'instagram', 'telegram'] as const) {
    t.throws(() => check(platform, { content: template }), {
      code: 'OMNI_ERR_REPLY_INVALID',
      message: `${platform} has no message templates`,
    });
  }
});
