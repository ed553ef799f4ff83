// Issue 15's acceptance, end to end: one `omni serve` process (the built CLI) on the test's own
// database with no platform variable set, channels added beside it with `omni channel`, a local
// fake Graph and Bot API, and webhooks and replies over the wire.
import t, { type Test } from 'tap';
import type { PlatformName } from '../../src/platforms/types.js';
import { channelSigning, postWebhookTo } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { dumpDatabase, searchable } from '../helpers/database-dump.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakePlatformApi } from '../helpers/fake-platform-api.js';
import { runOmni } from '../helpers/omni-cli.js';
import { startSingleServer } from '../helpers/omni-process.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  MESSENGER_PAGE,
  messengerTextBody,
  telegramTextBody,
  whatsAppTextToNumber,
} from '../helpers/webhook-bodies.js';
import { waitUntilProcessed } from '../helpers/worker.js';

/** Every secret this test gives Omni: none may be found in plain text in the database. */
const SECRETS = {
  appOne: 'acceptance-app-one-secret-0001',
  appTwo: 'acceptance-app-two-secret-0002',
  appTwoRotated: 'acceptance-app-two-secret-ROTATED',
  pageApp: 'acceptance-page-app-secret-0003',
  brazilToken: 'EAAG-acceptance-brazil-token-1001',
  brazilTokenNew: 'EAAG-acceptance-brazil-token-NEW',
  mexicoToken: 'EAAG-acceptance-mexico-token-1002',
  spainToken: 'EAAG-acceptance-spain-token-1003',
  pageToken: 'EAAG-acceptance-shop-page-token',
  salesBot: '7001:AAH-acceptance-sales-bot-token',
  helpBot: '7002:AAH-acceptance-help-bot-token',
  salesHook: 'acceptance_sales_webhook_secret',
  helpHook: 'acceptance_help_webhook_secret',
  verify: 'acceptance-verify-token-shared',
};
const STRANGER = '999000111222333';

t.test('channels added at run time each take their own webhooks and replies, on one running server', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const fake = await startFakePlatformApi(t);
  // Profiles answered without a picture: no avatar download leaves this machine.
  fake.answerNext(/fields=first_name/, { body: { first_name: 'Ada', last_name: 'Lovelace', id: '5678' } });
  const { server, env } = await startSingleServer(t, url, fake.url);
  const omni = async (...args: string[]) =>
    (await runOmni(args, { PATH: process.env.PATH, ...env, LOG_LEVEL: 'silent' })).stdout;
  const added = async (...args: string[]): Promise<number> =>
    JSON.parse(await omni('channel', 'add', ...args, '--json')).channel.id;
  const meta = (secret: string, token: string) => [
    '--app-secret',
    secret,
    '--verify-token',
    SECRETS.verify,
    '--access-token',
    token,
  ];
  const [brazil, mexico, spain, shop, sales, help] = await Promise.all([
    added('whatsapp', '--name', 'Brazil', '--phone-number-id', '1001', ...meta(SECRETS.appOne, SECRETS.brazilToken)),
    added('whatsapp', '--name', 'Mexico', '--phone-number-id', '1002', ...meta(SECRETS.appOne, SECRETS.mexicoToken)),
    added('whatsapp', '--name', 'Spain', '--phone-number-id', '1003', ...meta(SECRETS.appTwo, SECRETS.spainToken)),
    added('messenger', '--name', 'Shop', '--page-id', MESSENGER_PAGE, ...meta(SECRETS.pageApp, SECRETS.pageToken)),
    added('telegram', '--name', 'Sales bot', '--bot-token', SECRETS.salesBot, '--webhook-secret', SECRETS.salesHook),
    added('telegram', '--name', 'Help bot', '--bot-token', SECRETS.helpBot, '--webhook-secret', SECRETS.helpHook),
  ]);

  const post = (platform: PlatformName, body: unknown, secret: string) =>
    postWebhookTo(server, platform, body, channelSigning(platform, secret));
  /**
   * The first webhook after a channel change: the change reaches the running server by NOTIFY, with
   * no restart, so this waits for the server to accept it (answering 200) rather than for a time.
   */
  const acceptedOnceKnown = (platform: PlatformName, body: unknown, secret: string) =>
    waitFor(`${platform} webhook accepted`, async () => (await post(platform, body, secret)).status === 200);
  const now = Math.floor(Date.now() / 1000);
  const wa = (number: string, id: string) => whatsAppTextToNumber(number, id, now, `to ${number}`);
  await Promise.all([
    acceptedOnceKnown('whatsapp', wa('1001', 'wamid.ACC-BRAZIL'), SECRETS.appOne),
    acceptedOnceKnown('whatsapp', wa('1002', 'wamid.ACC-MEXICO'), SECRETS.appOne),
    acceptedOnceKnown('whatsapp', wa('1003', 'wamid.ACC-SPAIN'), SECRETS.appTwo),
    acceptedOnceKnown('messenger', messengerTextBody('m_ACC-SHOP', now * 1000, 'to the shop'), SECRETS.pageApp),
    acceptedOnceKnown('telegram', telegramTextBody(1, now, 'to sales'), SECRETS.salesHook),
    acceptedOnceKnown('telegram', telegramTextBody(2, now, 'to help'), SECRETS.helpHook),
  ]);
  const keys = ['wamid.ACC-BRAZIL', 'wamid.ACC-MEXICO', 'wamid.ACC-SPAIN', 'm_ACC-SHOP', '927266710:1', '927266710:2'];
  await waitUntilProcessed(sql, keys);

  const { authorization } = await bearerHeaders(sql);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server}${path}`, { ...init, headers: { authorization, 'content-type': 'application/json' } });
  /** `GET /api/conversations?channel=`: the conversations listed, with their channel. */
  const conversationsOf = async (channel: number | 'unrouted') => {
    const listed = (await (await api(`/api/conversations?channel=${channel}`)).json()) as {
      conversations: { id: number; channelId: number | null }[];
    };
    return listed.conversations;
  };

  const conversation: Record<number, number> = {};
  t.test('each webhook lands on its own channel: ?channel=<id> lists exactly its conversations', async (t) => {
    for (const channel of [brazil, mexico, spain, shop, sales, help]) {
      const listed = await conversationsOf(channel);
      t.same(
        listed.map((c) => c.channelId),
        [channel],
        `channel ${channel}`,
      );
      conversation[channel] = listed[0]!.id;
    }
    t.equal(new Set(Object.values(conversation)).size, 6, 'six conversations, one a channel');
  });

  t.test('a WhatsApp webhook for an account no channel holds is stored and processed, unrouted', async (t) => {
    t.equal((await post('whatsapp', wa(STRANGER, 'wamid.ACC-STRANGER'), SECRETS.appOne)).status, 200);
    await waitUntilProcessed(sql, ['wamid.ACC-STRANGER']);
    t.same(
      (await conversationsOf('unrouted')).map((c) => c.channelId),
      [null],
    );
  });

  t.test('a wrong signature and a wrong Telegram secret get 401', async (t) => {
    t.equal((await post('whatsapp', wa('1001', 'wamid.ACC-FORGED'), 'not-any-app-secret')).status, 401);
    t.equal((await post('telegram', telegramTextBody(3, now, 'forged'), 'not_a_bot_secret')).status, 401);
  });

  /** Replies in the channel's conversation and answers the request the fake platform received for it. */
  const reply = async (t: Test, channel: number, text: string) => {
    const response = await api(`/api/conversations/${conversation[channel]}/messages`, {
      method: 'POST',
      body: JSON.stringify({ text }),
    });
    t.equal(response.status, 202, text);
    return waitFor(`"${text}" sent`, async () => fake.requests.find((r) => JSON.stringify(r.body).includes(text)));
  };

  t.test('a reply in each conversation goes out through its channel', async (t) => {
    const sent = await Promise.all([
      reply(t, brazil, 'reply via Brazil'),
      reply(t, mexico, 'reply via Mexico'),
      reply(t, spain, 'reply via Spain'),
      reply(t, shop, 'reply via the shop'),
      reply(t, sales, 'reply via the sales bot'),
      reply(t, help, 'reply via the help bot'),
    ]);
    t.same(
      sent.map((r) => [r.path.replace(/^\/v\d+\.\d+/, ''), r.headers.authorization]),
      [
        ['/1001/messages', `Bearer ${SECRETS.brazilToken}`],
        ['/1002/messages', `Bearer ${SECRETS.mexicoToken}`],
        ['/1003/messages', `Bearer ${SECRETS.spainToken}`],
        ['/me/messages', `Bearer ${SECRETS.pageToken}`],
        [`/bot${SECRETS.salesBot}/sendMessage`, undefined],
        [`/bot${SECRETS.helpBot}/sendMessage`, undefined],
      ],
    );
  });

  t.test('a new access token and a rotated app secret take effect with no restart', async (t) => {
    await omni('channel', 'update', 'Brazil', '--access-token', SECRETS.brazilTokenNew);
    await omni('channel', 'update', 'Spain', '--app-secret', SECRETS.appTwoRotated);
    // The server reloads every channel at once after a change, so once it takes the rotated secret
    // (the later change) it has the new token too.
    await acceptedOnceKnown('whatsapp', wa('1003', 'wamid.ACC-SPAIN-NEW'), SECRETS.appTwoRotated);
    t.equal(
      (await post('whatsapp', wa('1003', 'wamid.ACC-SPAIN-OLD'), SECRETS.appTwo)).status,
      200,
      'the old app secret still verifies during the rotation',
    );
    await waitUntilProcessed(sql, ['wamid.ACC-SPAIN-NEW', 'wamid.ACC-SPAIN-OLD']);
    t.same(
      (await conversationsOf(spain)).map((c) => c.id),
      [conversation[spain]],
      "both land in Spain's conversation",
    );
    const next = await reply(t, brazil, 'reply with the new token');
    t.equal(next.headers.authorization, `Bearer ${SECRETS.brazilTokenNew}`);
  });

  t.test('a dump of the database holds none of the channel secrets in plain text', async (t) => {
    const dump = await dumpDatabase(sql, url);
    t.match(dump, /\bv1\.[0-9a-f]+\.[\w-]+\.[\w-]+\.[\w-]+/, 'the secrets are there, sealed');
    for (const [name, secret] of Object.entries(SECRETS))
      t.notOk(
        searchable(secret).some((form) => dump.includes(form)),
        `${name} is not in the dump`,
      );
  });
});
