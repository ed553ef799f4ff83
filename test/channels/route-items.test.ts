import fc from 'fast-check';
import t from 'tap';
import { routeItems } from '../../src/channels/route-items.js';

const ACCOUNTS = ['111', '222', '333', '444', '555', '666'];

/** Random Meta channels on one to three apps (so some share an app secret), maybe with the environment catch-all. */
const metaSetup = fc
  .record({
    apps: fc.integer({ min: 1, max: 3 }),
    held: fc.subarray(ACCOUNTS),
    appOf: fc.array(fc.nat(2), { minLength: ACCOUNTS.length, maxLength: ACCOUNTS.length }),
    catchAllApp: fc.option(fc.nat(2)),
    signedBy: fc.nat(2),
    items: fc.array(fc.oneof(fc.constantFrom(...ACCOUNTS), fc.constant('999')), { maxLength: 20 }),
  })
  .map(({ apps, held, appOf, catchAllApp, signedBy, items }) => {
    const channels: { id: number; accountId: string | null; app: number }[] = held.map((account, i) => ({
      id: i + 1,
      accountId: account,
      app: appOf[i] % apps,
    }));
    if (catchAllApp !== null) channels.push({ id: 100, accountId: null, app: catchAllApp % apps });
    const signer = signedBy % apps;
    // What a keyring answers: every channel whose app secret verified the signature.
    const authenticated = channels.filter((c) => c.app === signer).map((c) => c.id);
    return { channels, authenticated, items: items.map((account) => ({ account })) };
  });

t.test('every Meta entry lands on its own channel or on unrouted, never on another', async () => {
  fc.assert(
    fc.property(metaSetup, ({ channels, authenticated, items }) => {
      const routed = routeItems({ routing: 'account', authenticated, channels, items });
      return routed.every((item, i) => {
        if (item.account !== items[i].account) return false;
        if (item.channelId === null) return true;
        const channel = channels.find((c) => c.id === item.channelId);
        if (!channel || !authenticated.includes(channel.id)) return false;
        const held = channels.some((c) => c.accountId === item.account);
        return channel.accountId === item.account || (channel.accountId === null && !held);
      });
    }),
  );
});

t.test('an entry whose channel authenticated the request is never left unrouted', async () => {
  fc.assert(
    fc.property(metaSetup, ({ channels, authenticated, items }) =>
      routeItems({ routing: 'account', authenticated, channels, items }).every((item) => {
        const holder = channels.find((c) => c.accountId === item.account);
        return !holder || !authenticated.includes(holder.id) || item.channelId === holder.id;
      }),
    ),
  );
});

const channels = [
  { id: 1, accountId: 'PN1' },
  { id: 2, accountId: 'PN2' },
  { id: 9, accountId: null },
];

t.test('a Meta entry goes to the channel holding its account when that channel signed', async (t) => {
  const [routed] = routeItems({ routing: 'account', authenticated: [1, 2], channels, items: [{ account: 'PN2' }] });
  t.equal(routed.channelId, 2);
});

t.test(
  'an entry for an account held by a channel of another app is unrouted, even with the catch-all signing',
  async (t) => {
    const [routed] = routeItems({ routing: 'account', authenticated: [1, 9], channels, items: [{ account: 'PN2' }] });
    t.equal(routed.channelId, null);
  },
);

t.test('an account no channel holds goes to the environment catch-all if it signed, else unrouted', async (t) => {
  const items = [{ account: 'PN7' }];
  t.equal(routeItems({ routing: 'account', authenticated: [9], channels, items })[0].channelId, 9);
  t.equal(routeItems({ routing: 'account', authenticated: [1], channels, items })[0].channelId, null);
});

t.test('a Telegram update goes to the bot whose secret matched, and takes its bot id as account', async (t) => {
  const bots = [
    { id: 5, accountId: '7001' },
    { id: 6, accountId: null },
  ];
  const items = [{ account: null, key: 'a' }];
  t.same(routeItems({ routing: 'secret', authenticated: [5], channels: bots, items }), [
    { account: '7001', key: 'a', channelId: 5 },
  ]);
  t.same(routeItems({ routing: 'secret', authenticated: [6], channels: bots, items })[0], {
    account: null,
    key: 'a',
    channelId: 6,
  });
  t.equal(routeItems({ routing: 'secret', authenticated: [], channels: bots, items })[0].channelId, null);
});
