import t from 'tap';
import {
  addBody,
  ago,
  channelHealth,
  describeChannel,
  editBody,
  healthLines,
  secretFields,
  secretState,
} from '../../web/admin/channel-view.js';
import type { AdminChannel, ChannelPlatform } from '../../web/api-types.js';

const NOW = new Date('2026-12-02T12:00:00Z');
const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const NO_HEALTH = { lastWebhookAt: null, lastError: null, lastErrorAt: null };

const WHATSAPP: ChannelPlatform = {
  name: 'whatsapp',
  account: 'phoneNumberId',
  fields: [
    { name: 'phoneNumberId', description: '', required: true, secret: false },
    { name: 'appSecret', description: '', required: true, secret: true },
    { name: 'accessToken', description: '', required: false, secret: true },
    { name: 'wabaId', description: '', required: false, secret: false },
  ],
};

const SALES: AdminChannel = {
  id: 7,
  platform: 'whatsapp',
  name: 'Sales',
  enabled: true,
  source: 'database',
  accountId: '1001',
  phoneNumberId: '1001',
  wabaId: null,
  sendsPerSecond: null,
  assignment: 'manual',
  assignmentCap: null,
  health: NO_HEALTH,
  secrets: { appSecret: '…abcd' },
};

t.test('a channel’s health follows omni status’s rules, first match wins', async (t) => {
  const health = (enabled: boolean, webhook: number | null, error: number | null) =>
    channelHealth(
      {
        enabled,
        health: {
          lastWebhookAt: webhook === null ? null : minutesBefore(webhook),
          lastError: error === null ? null : 'refused',
          lastErrorAt: error === null ? null : minutesBefore(error),
        },
      },
      NOW,
    );
  t.equal(health(false, 1, 1), 'disabled', 'disabled before anything else');
  t.equal(health(true, 1, 59), 'failing', 'an error within the hour');
  t.equal(health(true, 1, 61), 'healthy', 'an error over an hour ago no longer counts');
  t.equal(health(true, null, null), 'silent', 'no webhook ever');
  t.equal(health(true, 24 * 60, null), 'silent', 'no webhook for a day');
  t.equal(health(true, 24 * 60 - 1, null), 'healthy');
});

t.test('times are said in the largest whole unit', async (t) => {
  t.equal(ago(minutesBefore(0.5), NOW), 'just now');
  t.equal(ago(minutesBefore(5), NOW), '5 min ago');
  t.equal(ago(minutesBefore(3 * 60 + 10), NOW), '3 h ago');
  t.equal(ago(minutesBefore(3 * 24 * 60), NOW), '3 days ago');
  t.equal(ago(new Date(NOW.getTime() + 5000).toISOString(), NOW), 'just now', 'a clock a little ahead is now');
});

t.test('the health column names the last webhook and the last error', async (t) => {
  t.same(healthLines({ health: NO_HEALTH }, NOW), ['no webhook yet']);
  t.same(
    healthLines(
      { health: { lastWebhookAt: minutesBefore(2), lastError: 'token expired', lastErrorAt: minutesBefore(90) } },
      NOW,
    ),
    ['last webhook 2 min ago', 'last error 1 h ago: token expired'],
  );
});

t.test('a secret shows as set with its hint, or not set; the platform’s secrets are listed in its order', async (t) => {
  t.equal(secretState(SALES, 'appSecret'), 'set (…abcd)');
  t.equal(secretState(SALES, 'accessToken'), 'not set');
  t.same(secretFields(WHATSAPP), ['appSecret', 'accessToken']);
  t.same(secretFields(undefined), [], 'before the platforms are loaded');
  t.equal(describeChannel(SALES), 'Sales · whatsapp (enabled)');
  t.equal(describeChannel({ ...SALES, enabled: false }), 'Sales · whatsapp (disabled)');
});

t.test('the add form sends what was filled in, leaving blanks to the API’s defaults', async (t) => {
  t.same(
    addBody(WHATSAPP, {
      name: ' Brazil ',
      phoneNumberId: '1001',
      appSecret: 's3cret',
      accessToken: '',
      wabaId: '  ',
      sendsPerSecond: '',
      assignment: 'round_robin',
    }),
    { platform: 'whatsapp', name: 'Brazil', phoneNumberId: '1001', appSecret: 's3cret', assignment: 'round_robin' },
  );
  t.same(addBody(WHATSAPP, { name: 'B', sendsPerSecond: '20' }), {
    platform: 'whatsapp',
    name: 'B',
    sendsPerSecond: 20,
  });
});

t.test('the edit form sends only what changed; a blank secret is kept, a typed one replaces it', async (t) => {
  const unchanged = {
    name: 'Sales',
    appSecret: '',
    accessToken: '',
    wabaId: '',
    sendsPerSecond: '',
    assignment: 'manual',
  };
  t.same(editBody(SALES, WHATSAPP, unchanged), {}, 'nothing typed: nothing sent');
  t.same(editBody(SALES, WHATSAPP, { ...unchanged, accessToken: 'EAAG-new' }), { accessToken: 'EAAG-new' });
  t.same(
    editBody(SALES, WHATSAPP, {
      ...unchanged,
      name: 'Sales BR',
      wabaId: '42',
      sendsPerSecond: '5',
      assignment: 'round_robin',
    }),
    { name: 'Sales BR', wabaId: '42', sendsPerSecond: 5, assignment: 'round_robin' },
  );
  const set = { ...SALES, wabaId: '42', sendsPerSecond: 5 };
  t.same(
    editBody(set, WHATSAPP, unchanged),
    { wabaId: null, sendsPerSecond: null },
    'blanked: cleared to the defaults',
  );
  t.same(editBody(SALES, WHATSAPP, { name: 'Sales' }), {}, 'what the form does not show (the account) is not sent');
});
