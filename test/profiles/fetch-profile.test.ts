import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { createConfiguredMediaStore } from '../../src/media/configured-media-store.js';
import { mediaKey } from '../../src/media/media-store.js';
import { eraseContact } from '../../src/privacy/erase-contact.js';
import { createConfiguredJobs } from '../../src/runtime/configured-jobs.js';
import type { PlatformSecrets } from '../../src/config/load-config.js';
import type { PlatformName } from '../../src/platforms/types.js';
import { channelSigning, createTestApp, postWebhook, silentLogger, TEST_SECRETS } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { addTestChannel, openTestChannels } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { GRAPH_VERSION, startFakeMediaApi } from '../helpers/fake-media-api.js';
import { pngImage } from '../helpers/media-files.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  INSTAGRAM_CUSTOMER,
  instagramTextBody,
  MESSENGER_CUSTOMER,
  messengerTextBody,
  telegramExternalId,
  telegramTextBody,
  whatsAppTextBody,
} from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';
import { TEST_BY } from '../helpers/audit.js';

const PAGE_TOKEN = 'EAAtestMessengerPageToken';
const INSTAGRAM_TOKEN = 'IGtestInstagramToken';
const MAX_RECEIVES = 3;
const BRAND_B_PAGE = '2234567890';
const BRAND_B_TOKEN = 'EAAtestBrandBPageToken';
const BRAND_B_APP = 'brand-b-app-secret';
/** A second Instagram customer (an IGSID) of the fixture's account. */
const BRUNO = '24286888740958240';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** instagram-text-2024 from another customer of the account. */
function instagramFrom(igsid: string, mid: string, timestampMs: number): unknown {
  const body = instagramTextBody(mid, timestampMs, 'Olá') as any;
  body.entry[0].messaging[0].sender.id = igsid;
  return body;
}

/** messenger-text-reply-to from another customer of the Page. */
function messengerFrom(psid: string, mid: string, timestampMs: number): unknown {
  const body = messengerTextBody(mid, timestampMs, 'Hi') as any;
  body.entry[0].messaging[0].sender.id = psid;
  return body;
}

interface ContactRow {
  id: string;
  display_name: string | null;
  username: string | null;
  avatar_storage_key: string | null;
  profile_fetched_at: Date | null;
}

t.test('Messenger and Instagram contacts get their name and avatar from the profile API', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t, { maxReceiveCount: MAX_RECEIVES, visibilityTimeoutSeconds: 5 });
  const api = await startFakeMediaApi(t);
  const mediaDir = await mkdtemp(join(tmpdir(), 'omni-profile-media-'));
  t.teardown(() => rm(mediaDir, { recursive: true, force: true }));
  const config = loadConfig({
    MEDIA_DIR: mediaDir,
    GRAPH_API_BASE_URL: api.origin,
    MESSENGER_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
    INSTAGRAM_ACCESS_TOKEN: INSTAGRAM_TOKEN,
    MEDIA_PRIVATE_HOSTS: api.host,
  });
  const mediaStore = createConfiguredMediaStore(config);
  const channels = await openTestChannels(t, sql, { platforms: TEST_SECRETS, tokens: config.platformTokens });
  const { app } = await createTestApp(t, { sql, queue, mediaStore, channels });
  // A second Page is a channel of its own, with its own app and token; the first stays the environment's.
  const brandB = {
    platform: 'messenger',
    name: 'brand-b',
    pageId: BRAND_B_PAGE,
    appSecret: BRAND_B_APP,
    verifyToken: 'brand-b-verify',
    accessToken: BRAND_B_TOKEN,
  };
  await addTestChannel(sql, brandB, { directories: [channels] });
  startTestWorker(t, sql, queue, {
    jobs: createConfiguredJobs(config, { sql, logger: silentLogger, mediaStore, channels }),
    maxReceiveCount: MAX_RECEIVES,
  });
  const { authorization } = await bearerHeaders(sql);
  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { authorization, ...headers } });

  /** The Graph User Profile API for one person: answers `body` only with `token`, as Graph does. */
  function profile(userId: string, token: string, answer: (req: IncomingMessage, res: ServerResponse) => void) {
    api.on(`/${GRAPH_VERSION}/${userId}`, (req, res) => {
      if (req.headers.authorization !== `Bearer ${token}`)
        return json(res, 401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
      answer(req, res);
    });
  }
  const profileCalls = (userId: string) => api.requests.filter((r) => r.path === `/${GRAPH_VERSION}/${userId}`);

  /** Posts a signed webhook and waits for its item, then for every profile job it planned, to be processed. */
  async function deliver(
    platform: PlatformName,
    body: unknown,
    externalIds: string[],
    signing: PlatformSecrets = TEST_SECRETS,
  ): Promise<void> {
    t.equal((await postWebhook(app, platform, body, signing)).statusCode, 200);
    await waitUntilProcessed(sql, externalIds);
    await waitFor('profile jobs settled', async () => {
      const [row] = await sql<{ waiting: number }[]>`
        select count(*)::int as waiting from queue_logs where job = 'fetch_profile' and status <> 'processed'`;
      return row!.waiting === 0;
    });
  }
  const contactOf = async (platform: PlatformName, externalId: string) => {
    const [row] = await sql<ContactRow[]>`
      select id, display_name, username, avatar_storage_key, profile_fetched_at from contacts
      where platform = ${platform} and external_id = ${externalId}`;
    return row!;
  };
  const profileJobs = async (platform: PlatformName) => {
    const rows = await sql<{ last_error: string | null }[]>`
      select q.last_error from queue_logs q join messages m on m.id = q.message_id
      where q.job = 'fetch_profile' and m.platform = ${platform} order by q.id`;
    return rows;
  };

  const picture = pngImage(6, 6);
  const pictureUrl = api.cdnFile('profile-5678.png', picture, 'image/png');
  const now = Date.now();

  t.test("a Messenger contact's first message fetches its name and picture once; they are served", async (t) => {
    profile(MESSENGER_CUSTOMER, PAGE_TOKEN, (req, res) => {
      t.equal(new URL(req.url!, 'http://x').searchParams.get('fields'), 'first_name,last_name,profile_pic');
      json(res, 200, { first_name: 'Peter', last_name: 'Chang', profile_pic: pictureUrl, id: MESSENGER_CUSTOMER });
    });
    // Two messages in one webhook: one contact, one profile job.
    const body = messengerTextBody('mid.PROFILE-1', now - 60_000, 'Hello') as any;
    const second = structuredClone(body.entry[0].messaging[0]);
    Object.assign(second, { timestamp: now - 59_000, message: { mid: 'mid.PROFILE-2', text: 'Anyone there?' } });
    body.entry[0].messaging.push(second);
    await deliver('messenger', body, ['mid.PROFILE-1', 'mid.PROFILE-2']);

    const contact = await contactOf('messenger', MESSENGER_CUSTOMER);
    t.equal(contact.display_name, 'Peter Chang', 'first and last name joined');
    t.equal(contact.avatar_storage_key, mediaKey(sha256(picture)), 'the picture under its content address');
    t.equal((await profileJobs('messenger')).length, 1, 'one profile job for the contact');
    t.equal(profileCalls(MESSENGER_CUSTOMER).length, 1, 'one profile call');

    const details = (await get(`/api/contacts/${contact.id}`)).json();
    t.match(details, { displayName: 'Peter Chang', username: null, avatarUrl: /^\/api\/contacts\/\d+\/avatar\?v=/ });
    const served = await get(details.avatarUrl);
    t.equal(served.statusCode, 200);
    t.same(served.rawPayload, picture, 'the same bytes');
    t.equal(served.headers['content-type'], 'image/png');
    t.equal(served.headers.etag, `"${sha256(picture)}"`);
    t.match(served.headers['cache-control'], /immutable/);
    t.equal(served.headers['x-content-type-options'], 'nosniff');
    t.match(served.headers['content-security-policy'], /sandbox/);
    t.notMatch(JSON.stringify(served.headers), PAGE_TOKEN, 'the token never reaches the browser');

    const [conversation] = (await get('/api/conversations?platform=messenger')).json().conversations;
    t.match(conversation, { contactName: 'Peter Chang', contactAvatarUrl: details.avatarUrl, contactUsername: null });

    await deliver('messenger', messengerTextBody('mid.PROFILE-3', now - 50_000, 'Hello again'), ['mid.PROFILE-3']);
    t.equal((await profileJobs('messenger')).length, 1, 'a fresh profile is not fetched again');
  });

  t.test('Instagram contacts get their name and username; the same picture is one file', async (t) => {
    profile(INSTAGRAM_CUSTOMER, INSTAGRAM_TOKEN, (req, res) => {
      t.equal(new URL(req.url!, 'http://x').searchParams.get('fields'), 'name,username,profile_pic');
      json(res, 200, { name: 'Ana Souza', username: 'ana.souza', profile_pic: pictureUrl });
    });
    profile(BRUNO, INSTAGRAM_TOKEN, (_req, res) =>
      json(res, 200, { name: 'Bruno Lima', username: 'bruno.lima', profile_pic: pictureUrl }),
    );
    await deliver('instagram', instagramTextBody('mid.IG-PROFILE-1', now - 40_000, 'Oi'), ['mid.IG-PROFILE-1']);
    await deliver('instagram', instagramFrom(BRUNO, 'mid.IG-PROFILE-2', now - 39_000), ['mid.IG-PROFILE-2']);
    const ana = await contactOf('instagram', INSTAGRAM_CUSTOMER);
    t.match(ana, { display_name: 'Ana Souza', username: 'ana.souza', avatar_storage_key: mediaKey(sha256(picture)) });
    t.match(await contactOf('instagram', BRUNO), {
      username: 'bruno.lima',
      avatar_storage_key: ana.avatar_storage_key,
    });
    const [conversation] = (await get(`/api/conversations?platform=instagram&q=ana`)).json().conversations;
    t.match(conversation, { contactName: 'Ana Souza', contactUsername: 'ana.souza' });
  });

  t.test('a stale profile is fetched again, and the new picture gets a new url', async (t) => {
    const contact = await contactOf('messenger', MESSENGER_CUSTOMER);
    const before = (await get(`/api/contacts/${contact.id}`)).json().avatarUrl;
    const newPicture = pngImage(8, 5);
    const newUrl = api.cdnFile('profile-5678-new.png', newPicture, 'image/png');
    profile(MESSENGER_CUSTOMER, PAGE_TOKEN, (_req, res) =>
      json(res, 200, { first_name: 'Pete', last_name: 'Chang', profile_pic: newUrl }),
    );
    await sql`
      update contacts set profile_fetched_at = now() - make_interval(hours => ${config.profiles.refreshHours + 1}),
                          profile_requested_at = now() - make_interval(hours => ${config.profiles.refreshHours + 1})
      where id = ${contact.id}`;
    await deliver('messenger', messengerTextBody('mid.PROFILE-4', now - 30_000, 'Still there?'), ['mid.PROFILE-4']);
    const after = await contactOf('messenger', MESSENGER_CUSTOMER);
    t.equal(after.display_name, 'Pete Chang');
    t.equal(after.avatar_storage_key, mediaKey(sha256(newPicture)));
    const details = (await get(`/api/contacts/${contact.id}`)).json();
    t.not(details.avatarUrl, before, 'a new url, so no browser keeps the old picture');
    t.same((await get(details.avatarUrl)).rawPayload, newPicture);
  });

  t.test('a refused profile call leaves the message processed and the contact shown by its id', async (t) => {
    const psid = '7001';
    profile(psid, PAGE_TOKEN, (_req, res) =>
      json(res, 400, {
        error: {
          message: '(#100) No profile available for this user.',
          type: 'OAuthException',
          code: 100,
          fbtrace_id: 'AbCd',
        },
      }),
    );
    await deliver('messenger', messengerFrom(psid, 'mid.REFUSED-1', now - 20_000), ['mid.REFUSED-1']);
    const contact = await contactOf('messenger', psid);
    t.equal(contact.display_name, null, 'no name: the dashboard shows the id');
    t.ok(contact.profile_fetched_at, 'recorded as tried');
    const [message] = await sql`select conversation_id from messages where external_id = 'mid.REFUSED-1'`;
    t.ok(message!.conversation_id, 'the message was filed');
    t.match((await get(`/api/conversations/${message!.conversation_id}`)).json(), {
      contactName: null,
      contactAvatarUrl: null,
      contact: { externalId: psid, avatarUrl: null },
    });
    t.equal((await get(`/api/contacts/${contact.id}/avatar`)).statusCode, 404, 'no avatar');
    const jobs = await profileJobs('messenger');
    t.match(jobs.at(-1)?.last_error, /No profile available/, "the reason, in Graph's words, on the job");

    const calls = profileCalls(psid).length;
    await deliver('messenger', messengerFrom(psid, 'mid.REFUSED-2', now - 19_000), ['mid.REFUSED-2']);
    t.equal(profileCalls(psid).length, calls, 'not asked again before the refresh age');
  });

  t.test('an unanswered profile call is retried, then given up with the reason', async (t) => {
    const psid = '7002';
    profile(psid, PAGE_TOKEN, (_req, res) => json(res, 503, { error: { message: 'Service temporarily unavailable' } }));
    await deliver('messenger', messengerFrom(psid, 'mid.UNAVAILABLE-1', now - 10_000), ['mid.UNAVAILABLE-1']);
    t.equal(profileCalls(psid).length, MAX_RECEIVES, 'one call per attempt');
    const contact = await contactOf('messenger', psid);
    t.match(contact, { display_name: null });
    t.ok(contact.profile_fetched_at, 'recorded as tried once the retries are spent');
    t.match(
      (await profileJobs('messenger')).at(-1)?.last_error,
      /^gave up after 3 attempts: .*temporarily unavailable/,
    );
  });

  t.test("a contact of a channel's Page is asked with that channel's token", async (t) => {
    const psid = '7003';
    profile(psid, BRAND_B_TOKEN, (_req, res) => json(res, 200, { first_name: 'Mei', last_name: 'Tan' }));
    const body = messengerFrom(psid, 'mid.BRAND-B-1', now - 9_000) as any;
    body.entry[0].id = BRAND_B_PAGE;
    body.entry[0].messaging[0].recipient.id = BRAND_B_PAGE;
    await deliver('messenger', body, ['mid.BRAND-B-1'], channelSigning('messenger', BRAND_B_APP));
    t.match(await contactOf('messenger', psid), { display_name: 'Mei Tan', avatar_storage_key: null });
    t.same(
      profileCalls(psid).map((r) => r.authorization),
      [`Bearer ${BRAND_B_TOKEN}`],
      "the channel's token, not the environment's",
    );
  });

  t.test("an unrouted contact is asked nothing: the catch-all's token serves only what it verified", async (t) => {
    const psid = '7004';
    profile(psid, PAGE_TOKEN, (_req, res) => json(res, 200, { first_name: 'Not', last_name: 'Asked' }));
    // Signed by brand B's app for a Page no channel holds: the environment's catch-all did not sign it.
    const body = messengerFrom(psid, 'mid.UNROUTED-1', now - 8_000) as any;
    body.entry[0].id = '990099';
    body.entry[0].messaging[0].recipient.id = '990099';
    await deliver('messenger', body, ['mid.UNROUTED-1'], channelSigning('messenger', BRAND_B_APP));
    const [message] = await sql`select channel_id from messages where external_id = 'mid.UNROUTED-1'`;
    t.equal(message!.channel_id, null, 'unrouted');
    t.match(await contactOf('messenger', psid), { display_name: null, profile_fetched_at: null });
    t.same(profileCalls(psid), [], 'the platform was not asked');
  });

  t.test('WhatsApp and Telegram plan no profile job: their names come in the webhooks', async (t) => {
    await deliver('whatsapp', whatsAppTextBody('wamid.NO-PROFILE', Math.floor(now / 1000) - 5), ['wamid.NO-PROFILE']);
    await deliver('telegram', telegramTextBody(77, Math.floor(now / 1000) - 4, 'hi'), [telegramExternalId(77)]);
    t.same(await profileJobs('whatsapp'), []);
    t.same(await profileJobs('telegram'), []);
  });

  t.test('erasing a contact removes its profile, and its avatar file once no one else shows it', async (t) => {
    const key = mediaKey(sha256(picture));
    const erase = async (externalId: string) => {
      const { id } = await contactOf('instagram', externalId);
      const erasure = await eraseContact({ sql, mediaStore, logger: silentLogger }, Number(id), TEST_BY);
      const [row] = await sql<ContactRow[]>`
        select id, display_name, username, avatar_storage_key, profile_fetched_at from contacts where id = ${id}`;
      t.match(row, { display_name: null, username: null, avatar_storage_key: null, profile_fetched_at: null });
      t.equal((await get(`/api/contacts/${id}/avatar`)).statusCode, 404, 'no avatar served');
      return erasure!.files;
    };
    t.match(await erase(INSTAGRAM_CUSTOMER), { deleted: 0, kept: 1 }, "Bruno's avatar is the same file");
    t.ok(await mediaStore.exists(key), 'so it stays');
    t.match(await erase(BRUNO), { deleted: 1, kept: 0 });
    t.equal(await mediaStore.exists(key), false, 'the last one to show it took it along');
  });
});
