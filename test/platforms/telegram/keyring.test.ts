import t from 'tap';
import { createTelegramKeyring } from '../../../src/platforms/telegram/keyring.js';

const rawBody = Buffer.from('{"update_id":1}');
const keyring = createTelegramKeyring([
  { channelId: 7, accountId: '111', secrets: { webhookSecret: 'bot_One-secret', botToken: '111:a' } },
  { channelId: 8, accountId: '222', secrets: { webhookSecret: 'bot_Two-secret', botToken: '222:b' } },
]);
const withSecret = (secret: unknown) => ({ headers: { 'x-telegram-bot-api-secret-token': secret } as never, rawBody });

t.test("an update carrying a bot's secret token is that bot's channel's", async (t) => {
  t.same(keyring.authenticate(withSecret('bot_One-secret')), { verdict: 'valid', channelIds: [7] });
  t.same(keyring.authenticate(withSecret('bot_Two-secret')), { verdict: 'valid', channelIds: [8] });
  t.same(keyring.authenticate(withSecret(['bot_Two-secret', 'other'])), { verdict: 'valid', channelIds: [8] });
});

t.test('an update without the header is missing; with another token, invalid', async (t) => {
  t.same(keyring.authenticate({ headers: {}, rawBody }), { verdict: 'missing', channelIds: [] });
  t.same(keyring.authenticate(withSecret('')), { verdict: 'missing', channelIds: [] });
  for (const token of ['bot_One-secreT', 'bot_One-secret1', 'bot_One', ''.padEnd(256, 'a')])
    t.same(keyring.authenticate(withSecret(token)), { verdict: 'invalid', channelIds: [] }, token);
});

t.test('a keyring without bots has no handshake and verifies nothing', async (t) => {
  const empty = createTelegramKeyring([{ channelId: 1, accountId: null, secrets: { botToken: '1:x' } }]);
  t.equal(empty.handshake, undefined);
  t.same(empty.authenticate(withSecret('anything')), { verdict: 'invalid', channelIds: [] });
});

t.test('a secret two bots share authenticates neither, and the keyring says so without the secret', async (t) => {
  const shared = createTelegramKeyring([
    { channelId: 7, accountId: '111', secrets: { webhookSecret: 'bot_One-secret' } },
    { channelId: 9, accountId: '333', secrets: { webhookSecret: 'bot_One-secret' } },
    { channelId: 8, accountId: '222', secrets: { webhookSecret: 'bot_Two-secret' } },
  ]);
  t.same(shared.authenticate(withSecret('bot_One-secret')), { verdict: 'invalid', channelIds: [] });
  t.same(shared.authenticate(withSecret('bot_Two-secret')), { verdict: 'valid', channelIds: [8] });
  t.equal(shared.problems?.length, 1);
  t.match(shared.problems?.[0], /channels 7, 9 share one webhook secret/);
  t.notMatch(shared.problems?.[0], /bot_One/);
  t.same(keyring.problems, [], 'distinct secrets: no problem');
});
