import t from 'tap';
import type { PlatformApis } from '../../src/platforms/platform.js';
import { PLATFORMS } from '../../src/platforms/registry.js';
import { TELEGRAM_UPDATE_TYPES } from '../../src/platforms/telegram/extract.js';
import { startFakePlatformApi } from '../helpers/fake-platform-api.js';

// The platforms' account and profile calls against a local server answering as their docs say.

const TOKEN = 'EAAG-secret-token';
const BOT_TOKEN = '7000000001:AAH-secret';
const apisOf = (url: string): PlatformApis => ({
  graph: { baseUrl: url, version: 'v21.0' },
  telegram: { baseUrl: url },
  timeoutMs: 5000,
});
const REFUSED_TOKEN = {
  status: 401,
  body: { error: { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190 } },
};

t.test(
  "Messenger's profile is the first and last name and the picture, fetched with the Page token as a bearer header",
  async (t) => {
    const api = await startFakePlatformApi(t);
    const profile = await PLATFORMS.messenger.fetchProfile!({ accessToken: TOKEN }, apisOf(api.url), '6789012345');
    t.same(profile, { name: 'Ada Lovelace', avatarUrl: 'https://scontent.xx.fbcdn.net/ada.jpg' });
    const [request] = api.requests;
    t.equal(request?.method, 'GET');
    t.equal(request?.path, '/v21.0/6789012345?fields=first_name,last_name,profile_pic');
    t.equal(request?.headers.authorization, `Bearer ${TOKEN}`);
  },
);

t.test("Instagram's profile is its name, username and picture", async (t) => {
  const api = await startFakePlatformApi(t);
  const profile = await PLATFORMS.instagram.fetchProfile!({ accessToken: TOKEN }, apisOf(api.url), '1789012345');
  t.same(profile, { name: 'Ada L', username: 'ada.l', avatarUrl: 'https://scontent.cdninstagram.com/ada.jpg' });
  t.equal(api.requests[0]?.path, '/v21.0/1789012345?fields=name,username,profile_pic');
});

t.test("a refused profile fetch quotes Graph's words and never the token", async (t) => {
  const api = await startFakePlatformApi(t);
  api.answerNext(/fields=/, REFUSED_TOKEN);
  const fetching = PLATFORMS.messenger.fetchProfile!({ accessToken: TOKEN }, apisOf(api.url), '6789012345');
  const error = await fetching.catch((e: Error & { code?: string }) => e);
  t.match(error, { code: 'OMNI_ERR_PLATFORM_REFUSED', message: /Session has expired/ });
  t.notMatch((error as Error).message, TOKEN);
});

t.test('WhatsApp and Telegram fetch no profiles: their webhooks carry the names', async (t) => {
  t.equal(PLATFORMS.whatsapp.fetchProfile, undefined);
  t.equal(PLATFORMS.telegram.fetchProfile, undefined);
});

t.test("a WhatsApp check reads the phone number's display number and verified name", async (t) => {
  const api = await startFakePlatformApi(t);
  const check = await PLATFORMS.whatsapp.check({ accessToken: TOKEN }, '106540352242922', apisOf(api.url));
  t.same(check, {
    ok: true,
    problems: [],
    details: { displayPhoneNumber: '+1 555-010-0001', verifiedName: 'Omni Test' },
  });
  t.equal(api.requests[0]?.path, '/v21.0/106540352242922?fields=display_phone_number,verified_name');
  t.equal(api.requests[0]?.headers.authorization, `Bearer ${TOKEN}`);
});

t.test("the environment's WhatsApp channel, pinned to no number, has its token checked alone", async (t) => {
  const api = await startFakePlatformApi(t);
  const check = await PLATFORMS.whatsapp.check({ accessToken: TOKEN }, null, apisOf(api.url));
  t.match(check, { ok: true, problems: [], details: { tokenOwnerId: '1234567890', phoneNumber: /^not pinned/ } });
  t.match(api.requests.at(-1), { path: /^\/v\d+\.\d+\/me\?fields=id,name$/ });
});

t.test("a check with a refused token reports Graph's words as the problem, without the token", async (t) => {
  const api = await startFakePlatformApi(t);
  api.answerNext(/fields=/, REFUSED_TOKEN);
  const check = await PLATFORMS.whatsapp.check({ accessToken: TOKEN }, '106540352242922', apisOf(api.url));
  t.equal(check.ok, false);
  t.match(check.problems, [/Session has expired/]);
  t.notMatch(JSON.stringify(check), TOKEN);
});

t.test("a Page check asks Graph whose token it is, and reports another Page's token as a problem", async (t) => {
  const api = await startFakePlatformApi(t);
  const apis = apisOf(api.url);
  t.same(await PLATFORMS.messenger.check({ accessToken: TOKEN }, '1234567890', apis), {
    ok: true,
    problems: [],
    details: { id: '1234567890', name: 'Omni Page' },
  });
  t.equal(api.requests[0]?.path, '/v21.0/me?fields=id,name');
  const other = await PLATFORMS.messenger.check({ accessToken: TOKEN }, '999', apis);
  t.match(other, { ok: false, problems: ['the token belongs to 1234567890, not 999'] });
});

t.test('a check without a token names what is missing', async (t) => {
  const check = await PLATFORMS.instagram.check({}, '1', apisOf('http://127.0.0.1:9'));
  t.match(check, { ok: false, problems: [/INSTAGRAM_ACCESS_TOKEN/] });
});

t.test("Telegram's getMe names the bot a token belongs to", async (t) => {
  const api = await startFakePlatformApi(t);
  const bot = await PLATFORMS.telegram.identify!({ botToken: BOT_TOKEN }, apisOf(api.url));
  t.same(bot, { botId: '7000000001', username: 'omni_test_bot' });
  t.equal(api.requests[0]?.path, `/bot${BOT_TOKEN}/getMe`);
});

t.test("a token Telegram refuses throws an error quoting Telegram's description, without the token", async (t) => {
  const api = await startFakePlatformApi(t);
  api.answerNext(/getMe$/, { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
  const error = await PLATFORMS.telegram.identify!({ botToken: BOT_TOKEN }, apisOf(api.url)).catch((e: Error) => e);
  t.match(error, { code: 'OMNI_ERR_PLATFORM_REFUSED', message: 'telegram getMe: Unauthorized' });
});

t.test('setWebhook is called with the secret token and every update type the extractor reads', async (t) => {
  const api = await startFakePlatformApi(t);
  await PLATFORMS.telegram.registerWebhook!({ botToken: BOT_TOKEN }, apisOf(api.url), {
    url: 'https://omni.example/webhook/telegram',
    secretToken: 'bot_One-secret',
  });
  const [request] = api.requests;
  t.equal(request?.path, `/bot${BOT_TOKEN}/setWebhook`);
  t.same(request?.body, {
    url: 'https://omni.example/webhook/telegram',
    secret_token: 'bot_One-secret',
    allowed_updates: TELEGRAM_UPDATE_TYPES,
  });
  for (const kind of ['message', 'edited_message', 'callback_query', 'message_reaction', 'chat_member'])
    t.ok(request?.body.allowed_updates.includes(kind), kind);
});

t.test("getWebhookInfo reads the webhook's url, pending updates and last error", async (t) => {
  const api = await startFakePlatformApi(t);
  api.answerNext(/getWebhookInfo$/, {
    body: {
      ok: true,
      result: {
        url: 'https://omni.example/webhook/telegram',
        pending_update_count: 3,
        last_error_message: 'Wrong response from the webhook: 401 Unauthorized',
      },
    },
  });
  t.same(await PLATFORMS.telegram.webhookInfo!({ botToken: BOT_TOKEN }, apisOf(api.url)), {
    url: 'https://omni.example/webhook/telegram',
    pendingUpdateCount: 3,
    lastErrorMessage: 'Wrong response from the webhook: 401 Unauthorized',
  });
});

t.test('a Telegram check reports the bot and its webhook, and a failing webhook as a problem', async (t) => {
  const api = await startFakePlatformApi(t);
  const apis = apisOf(api.url);
  t.same(await PLATFORMS.telegram.check({ botToken: BOT_TOKEN }, '7000000001', apis), {
    ok: true,
    problems: [],
    details: {
      botId: '7000000001',
      username: 'omni_test_bot',
      webhookUrl: 'https://omni.example/webhook/telegram',
      pendingUpdateCount: '0',
    },
  });
  api.answerNext(/getWebhookInfo$/, { body: { ok: true, result: { url: '', pending_update_count: 0 } } });
  const unset = await PLATFORMS.telegram.check({ botToken: BOT_TOKEN }, '7000000001', apis);
  t.match(unset, { ok: false, problems: [/no webhook is set/] });
  api.answerNext(/getMe$/, { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
  const refused = await PLATFORMS.telegram.check({ botToken: BOT_TOKEN }, '7000000001', apis);
  t.same(refused, { ok: false, problems: ['telegram getMe: Unauthorized'], details: {} });
});
