import t from 'tap';
import { routeStoredItems, type RoutingChannel } from '../../src/channels/route-stored-items.js';
import type { StoredWebhook } from '../../src/store/reprocess.js';

const REMOVED = new Date('2026-11-30T00:00:00Z');
const channels: RoutingChannel[] = [
  { id: 1, platform: 'whatsapp', accountId: 'PN1', enabled: true, removedAt: null },
  { id: 2, platform: 'whatsapp', accountId: 'PN2', enabled: false, removedAt: null },
  { id: 3, platform: 'whatsapp', accountId: 'PN3', enabled: false, removedAt: REMOVED },
  { id: 4, platform: 'whatsapp', accountId: 'PN3', enabled: true, removedAt: null },
  { id: 7, platform: 'telegram', accountId: '7001', enabled: false, removedAt: REMOVED },
  { id: 8, platform: 'telegram', accountId: '8001', enabled: true, removedAt: null },
];
const webhook = (over: Partial<StoredWebhook>): StoredWebhook => ({
  platform: 'whatsapp',
  channelIds: [],
  stored: undefined,
  ...over,
});
const route = (over: Partial<StoredWebhook>, accounts: (string | null)[]) =>
  routeStoredItems({ webhook: webhook(over), channels, items: accounts.map((account) => ({ account })) });

t.test('a stored body goes to the channels that authenticated it, as it did when it arrived', async (t) => {
  t.same(
    route({ channelIds: [1, 2] }, ['PN1', 'PN2']).map((i) => i.channelId),
    [1, 2],
    'a channel disabled since still takes the items it authenticated',
  );
  t.same(
    route({ channelIds: [3] }, ['PN3']).map((i) => i.channelId),
    [3],
    "a removed channel's account held by a new channel: the removed one authenticated it",
  );
  t.same(
    route({ channelIds: [1] }, ['PN3']).map((i) => i.channelId),
    [null],
    'an account held by a channel that did not authenticate it stays unrouted',
  );
});

t.test("a Telegram body takes its bot's id as account, from its channel or from its stored messages", async (t) => {
  t.same(route({ platform: 'telegram', channelIds: [7] }, [null]), [{ account: '7001', channelId: 7 }]);
  t.same(
    route({ platform: 'telegram', channelIds: [8], stored: { account: '7001', channelId: 7 } }, [null, null]),
    [
      { account: '7001', channelId: 7 },
      { account: '7001', channelId: 7 },
    ],
    'its stored messages win: the account is part of their identity',
  );
  t.same(
    route({ platform: 'telegram', channelIds: null, stored: { account: '8001', channelId: 8 } }, [null]),
    [{ account: '8001', channelId: 8 }],
    'so a body stored before its channels were recorded makes no second message',
  );
});

t.test('a body stored before its channels were recorded routes its new items nowhere', async (t) => {
  t.same(route({ channelIds: null }, ['PN1']), [{ account: 'PN1', channelId: null }]);
  t.same(route({ platform: 'telegram', channelIds: null }, [null]), [{ account: null, channelId: null }]);
});
