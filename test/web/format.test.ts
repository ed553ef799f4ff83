import t from 'tap';
import type { Attachment } from '../../web/api-types.js';
import {
  attachmentShape,
  channelLabel,
  contactLabel,
  fileSize,
  formatListTime,
  formatTime,
  initials,
  tick,
} from '../../web/format.js';

const stored = (mimeType: string | null, extra: Partial<Attachment> = {}): Attachment => ({
  id: 7,
  state: 'stored',
  contentKind: 'document',
  mimeType,
  filename: null,
  size: null,
  reason: null,
  ...extra,
});

t.test('a contact is named by its name, else its username, else the platform key', async (t) => {
  const key = { conversationKey: '16505551234' };
  t.equal(contactLabel({ ...key, contactName: 'Sheena Nelson', contactUsername: 'sheena' }), 'Sheena Nelson');
  t.equal(contactLabel({ ...key, contactName: null, contactUsername: 'sheena' }), 'sheena');
  t.equal(contactLabel({ ...key, contactName: null, contactUsername: null }), '16505551234');
});

t.test('a channel is named, marked when removed, and "unrouted" when there is none', async (t) => {
  t.equal(channelLabel({ id: 1, name: 'Sales', platform: 'whatsapp', removed: false }), 'Sales');
  t.equal(channelLabel({ id: 1, name: 'Sales', platform: 'whatsapp', removed: true }), 'Sales (removed)');
  t.equal(channelLabel(null), 'unrouted');
});

t.test('an avatar shows the first and last initials of a name, or # for a bare number', async (t) => {
  t.equal(initials('Sheena Nelson'), 'SN');
  t.equal(initials('Ana María de la Cruz'), 'AC');
  t.equal(initials('cher'), 'C');
  t.equal(initials('@sheena.n'), 'S');
  t.equal(initials('élodie durand'), 'ÉD', 'letters beyond ASCII, upper-cased');
  t.equal(initials('16505551234'), '#');
  t.equal(initials('  '), '#');
});

t.test('a delivery tick shows the status, and a failure its reason', async (t) => {
  t.same(tick({ deliveryStatus: null, deliveryError: null }), null, 'no tick on a message Omni did not send');
  t.same(tick({ deliveryStatus: 'queued', deliveryError: null }), { mark: '🕓', title: 'queued' });
  t.same(tick({ deliveryStatus: 'read', deliveryError: null }), { mark: '✓✓', title: 'read' });
  t.same(tick({ deliveryStatus: 'failed', deliveryError: { message: 'Message Undeliverable.' } }), {
    mark: '✗',
    title: 'failed: Message Undeliverable.',
  });
  t.same(tick({ deliveryStatus: 'failed', deliveryError: null }), { mark: '✗', title: 'failed' });
});

t.test('an attachment shows as a player, a download or a line saying why there is none', async (t) => {
  t.same(attachmentShape(stored('image/png', { contentKind: 'image' })), {
    as: 'image',
    src: '/api/media/7',
    kind: 'image',
  });
  t.equal(attachmentShape(stored('image/svg+xml')).as, 'document', 'never an SVG inline, which can carry script');
  t.equal(attachmentShape(stored('audio/ogg; codecs=opus')).as, 'audio');
  t.equal(attachmentShape(stored('video/mp4')).as, 'video');
  t.same(attachmentShape(stored('application/pdf', { filename: 'receipt.pdf', size: 1025 })), {
    as: 'document',
    src: '/api/media/7',
    text: 'receipt.pdf (2 KB)',
    filename: 'receipt.pdf',
  });
  t.match(attachmentShape(stored(null)), { as: 'document', text: 'Download document' });
  t.same(attachmentShape(stored(null, { state: 'pending', contentKind: 'image' })), {
    as: 'text',
    className: 'pending',
    text: 'Fetching image…',
  });
  t.same(attachmentShape(stored(null, { state: 'failed', reason: 'answered 404' })), {
    as: 'text',
    className: 'failed',
    text: 'document unavailable: answered 404',
    title: 'answered 404',
  });
  t.match(attachmentShape(stored(null, { state: 'erased' })), { text: 'document erased' });
  t.equal(fileSize(null), '', 'an unknown size is left out');
});

t.test("a message's time is written in the reader's locale and zone", async (t) => {
  t.equal(formatTime('2025-06-08T20:59:43.000Z', 'en-GB', 'UTC'), '20:59:43');
  t.equal(formatTime('2025-06-08T20:59:43.000Z', 'en-GB', 'Asia/Tokyo'), '05:59:43');
});

t.test('the list shows the time for today, the day for this year, and the date for older ones', async (t) => {
  const now = new Date('2025-06-09T18:00:00Z');
  t.equal(formatListTime('2025-06-09T08:05:00Z', now, 'en-GB', 'UTC'), '8:05');
  t.equal(formatListTime('2025-06-08T08:05:00Z', now, 'en-GB', 'UTC'), '8 Jun');
  t.equal(formatListTime('2024-12-31T08:05:00Z', now, 'en-GB', 'UTC'), '31/12/2024');
  t.equal(formatListTime('2025-06-09T14:00:00Z', now, 'en-GB', 'UTC'), '14:00');
  t.equal(
    formatListTime('2025-06-09T14:00:00Z', now, 'en-GB', 'Asia/Tokyo'),
    '9 Jun',
    "yesterday, in the reader's zone",
  );
});
