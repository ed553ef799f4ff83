import fc from 'fast-check';
import t from 'tap';
import type { Channel } from '../../src/channels/channel.js';
import type { ChannelDirectory } from '../../src/channels/channel-directory.js';
import { channelKeyrings } from '../../src/channels/channel-keyrings.js';
import { routeItems } from '../../src/channels/route-items.js';
import { platformFor } from '../../src/platforms/registry.js';
import { META_SIGNATURE_HEADER, signMetaPayload } from '../../src/platforms/meta/signature.js';
import { TELEGRAM_SECRET_HEADER } from '../../src/platforms/telegram/types.js';
import type { PlatformName } from '../../src/platforms/types.js';
import { loadFixtures } from '../helpers/fixtures.js';

const ACCOUNTS = ['1001', '1002', '1003', '1004', '1005'];
/** An account no channel ever holds. */
const STRANGER = '9999';
const SECRETS = ['secret_A', 'secret_B', 'secret_C'];
const WRONG = 'secret_Wrong';
const META: PlatformName[] = ['whatsapp', 'messenger', 'instagram'];
const FIXTURES = Object.fromEntries(
  (['telegram', ...META] as const).map((platform) => [platform, loadFixtures(platform).map((f) => f.body)]),
) as Record<PlatformName, unknown[]>;

/** A channel as the directory holds it, on `secret` (Meta: its app secret; Telegram: its webhook secret). */
function channel(platform: PlatformName, id: number, accountId: string | null, secret: string, enabled: boolean) {
  const meta = platform !== 'telegram';
  return {
    id,
    platform,
    name: `c${id}`,
    source: accountId === null ? 'environment' : 'database',
    accountId,
    wabaId: null,
    enabled,
    sendsPerSecond: 1,
    secrets: meta ? { appSecrets: [secret], verifyToken: `v${id}` } : { webhookSecret: secret, botToken: `${id}:t` },
  } satisfies Channel;
}

const secretOf = (c: Channel) => c.secrets.appSecrets?.[0] ?? c.secrets.webhookSecret ?? '';

/** The directory's read side over a fixed set of channels, so the webhook path's own keyrings are built from it. */
function directoryOf(channels: Channel[]): ChannelDirectory {
  return {
    enabled: (platform) => channels.filter((c) => c.platform === platform && c.enabled),
    byId: (id) => channels.find((c) => c.id === id),
    live: () => channels,
    onChange: () => () => undefined,
    refresh: async () => undefined,
    close: async () => undefined,
  };
}

/** Every string in `value` equal to one of `from` replaced by `to`: a fixture re-addressed to another account. */
function readdress(value: unknown, from: Set<string>, to: string): unknown {
  if (typeof value === 'string') return from.has(value) ? to : value;
  if (Array.isArray(value)) return value.map((v) => readdress(v, from, to));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readdress(v, from, to)]));
  return value;
}

/** A Meta entry's own account ids: its id, and a WhatsApp change's phone_number_id. */
function businessIds(entry: any): Set<string> {
  const ids = new Set<string>([String(entry.id)]);
  for (const change of entry.changes ?? []) {
    const number = change?.value?.metadata?.phone_number_id;
    if (number) ids.add(String(number));
  }
  return ids;
}

/**
 * Random channels of a platform: any of the accounts held (each channel on one of a few secrets, so
 * some share one, some disabled), maybe the environment's catch-all; a body made of fixture entries
 * addressed to random accounts (held, held by a disabled channel, or by no one), signed with a random
 * channel's secret or a wrong one.
 */
const scenario = fc
  .record({
    platform: fc.constantFrom<PlatformName>('telegram', ...META),
    held: fc.array(fc.record({ account: fc.constantFrom(...ACCOUNTS), secret: fc.nat(2), enabled: fc.boolean() }), {
      maxLength: 5,
    }),
    catchAll: fc.option(fc.record({ secret: fc.nat(2), enabled: fc.boolean() })),
    entries: fc.array(fc.record({ fixture: fc.nat(), account: fc.constantFrom(...ACCOUNTS, STRANGER) }), {
      minLength: 1,
      maxLength: 3,
    }),
    signer: fc.option(fc.nat()),
  })
  .map(({ platform, held, catchAll, entries, signer }) => {
    const accounts = new Set<string>();
    // One live channel per account (the database's rule); a Telegram bot is held by its bot id.
    const channels: Channel[] = held
      .filter(({ account }) => !accounts.has(account) && accounts.add(account))
      .map(({ account, secret, enabled }, i) => channel(platform, i + 1, account, SECRETS[secret], enabled));
    if (catchAll) channels.push(channel(platform, 100, null, SECRETS[catchAll.secret], catchAll.enabled));
    const fixtures = FIXTURES[platform];
    let body: unknown;
    if (platform === 'telegram') body = fixtures[entries[0].fixture % fixtures.length];
    else {
      const picked = entries.flatMap(({ fixture, account }) => {
        const { entry } = fixtures[fixture % fixtures.length] as { entry: any[] };
        return entry.map((e) => readdress(e, businessIds(e), account));
      });
      body = { ...(fixtures[0] as object), entry: picked };
    }
    const signing = signer === null || channels.length === 0 ? undefined : channels[signer % channels.length];
    const signedWith = signing ? secretOf(signing) : WRONG;
    // Text, not bytes, so a counterexample reads as the JSON it was.
    return { platform, channels, payload: JSON.stringify(body), signedWith };
  });

/** What the request must be routed to: the channel each item belongs to (undefined: refused as a whole). */
function expected(platform: PlatformName, channels: Channel[], signedWith: string, accounts: (string | null)[]) {
  const signers = channels.filter((c) => c.enabled && secretOf(c) === signedWith);
  if (platform === 'telegram') return signers.length === 1 ? accounts.map(() => signers[0].id) : undefined;
  if (signers.length === 0) return undefined;
  return accounts.map((account) => {
    const holder = channels.find((c) => account !== null && c.accountId === account);
    const owner = holder ?? channels.find((c) => c.accountId === null);
    return owner && signers.includes(owner) ? owner.id : null;
  });
}

t.test('through the real keyrings, every entry lands on its own channel or unrouted, never on another', async () => {
  fc.assert(
    fc.property(scenario, ({ platform, channels, payload, signedWith }) => {
      const rawBody = Buffer.from(payload);
      const webhook = channelKeyrings(directoryOf(channels), { warn() {} });
      const header =
        platform === 'telegram'
          ? { [TELEGRAM_SECRET_HEADER]: signedWith }
          : { [META_SIGNATURE_HEADER]: signMetaPayload(signedWith, rawBody) };
      const { verdict, channelIds } = webhook.keyring(platform)?.authenticate({ headers: header, rawBody }) ?? {
        verdict: 'invalid',
        channelIds: [],
      };
      const { items } = platformFor(platform).extract(JSON.parse(payload));
      const want = expected(
        platform,
        channels,
        signedWith,
        items.map((item) => item.account),
      );
      if (want === undefined) return verdict === 'invalid' && channelIds.length === 0;
      if (verdict !== 'valid') return false;
      const routed = routeItems({
        routing: platformFor(platform).routing,
        authenticated: channelIds,
        channels: webhook.live(platform),
        items,
      });
      return routed.every((item, i) => {
        if (item.channelId !== want[i]) return false;
        // Telegram: the item takes its bot's id as its account; Meta: the account it named.
        const account =
          platform === 'telegram' ? channels.find((c) => c.id === item.channelId)?.accountId : items[i].account;
        return item.account === account;
      });
    }),
    { numRuns: 300 },
  );
});

t.test('a wrong secret authenticates nothing, whatever the channels', async () => {
  fc.assert(
    fc.property(scenario, ({ platform, channels, payload }) => {
      const rawBody = Buffer.from(payload);
      const keyring = channelKeyrings(directoryOf(channels), { warn() {} }).keyring(platform);
      const header =
        platform === 'telegram'
          ? { [TELEGRAM_SECRET_HEADER]: WRONG }
          : { [META_SIGNATURE_HEADER]: signMetaPayload(WRONG, rawBody) };
      const answer = keyring?.authenticate({ headers: header, rawBody });
      return answer === undefined || (answer.verdict === 'invalid' && answer.channelIds.length === 0);
    }),
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
