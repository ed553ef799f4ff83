import { readFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import { fileItems } from '../../src/store/file-batch.js';
import { listTemplates } from '../../src/store/whatsapp-templates.js';
import { syncTemplatesOnSchedule, startPeriodicTemplateSync } from '../../src/templates/periodic-sync.js';
import { channelsToSync, syncTemplates } from '../../src/templates/sync-templates.js';
import { loadConfig } from '../../src/config/load-config.js';
import { channelSigning, createTestApp, postWebhook, silentLogger } from '../helpers/app.js';
import { bearerHeaders, createScopedAgent, loginCookie } from '../helpers/auth.js';
import { addTestChannel, CHANNEL_APP_SECRET, fakeApis, TEST_BOX, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakePlatformApi } from '../helpers/fake-platform-api.js';
import { FIXTURES_DIR, loadFixture } from '../helpers/fixtures.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';

const WABA = '102290129340398';
const { pages } = JSON.parse(
  readFileSync(`${FIXTURES_DIR}/whatsapp/graph/message-templates-two-pages.json`, 'utf8'),
) as { pages: unknown[] };
const LISTING = /\/message_templates\?/;

async function setUp(t: Test) {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const api = await startFakePlatformApi(t);
  const config = loadConfig({ GRAPH_API_BASE_URL: api.url });
  const { app, channels } = await createTestApp(t, {
    sql,
    queue,
    platforms: {},
    channelSealing: { box: TEST_BOX, config },
  });
  const sales = await addTestChannel(
    sql,
    { ...whatsAppChannel('Sales', '106540352242922'), wabaId: WABA },
    { directories: [channels] },
  );
  const other = await addTestChannel(sql, whatsAppChannel('Other', '106540352242999'), { directories: [channels] });
  const deps = { sql, apis: fakeApis(api.url) };
  const answerTwoPages = () => {
    api.answerNext(LISTING, { status: 200, body: pages[0] });
    api.answerNext(LISTING, { status: 200, body: pages[1] });
  };
  return { sql, app, channels, api, deps, answerTwoPages, salesId: sales.channel.id, otherId: other.channel.id };
}

t.test('a sync fetches every page of the WABA with the channel token and stores each template', async (t) => {
  const { sql, api, channels, deps, answerTwoPages } = await setUp(t);
  answerTwoPages();
  const results = await syncTemplates(deps, channelsToSync(channels.live()));
  t.match(results, [{ wabaId: WABA, channel: { name: 'Sales' }, ok: true, stored: 3, deleted: 0 }]);
  const asked = api.requests.filter((r) => LISTING.test(r.path));
  t.equal(asked.length, 2, 'two pages');
  t.match(
    asked[0]?.path,
    new RegExp(
      `^/v\\d+\\.\\d+/${WABA}/message_templates\\?fields=name,language,status,category,components,id&limit=100$`,
    ),
  );
  t.match(asked[1]?.path, /&after=MQZDZD$/, 'the second page asked by its cursor, of the configured origin');
  t.equal(asked[0]?.headers.authorization, 'Bearer EAAG-token-106540352242922');
  const stored = await listTemplates(sql, { scope: 'all', limit: 50 });
  t.same(
    stored.map((x) => [x.name, x.language, x.status, x.metaId]),
    [
      ['hello_world', 'en_US', 'APPROVED', '1772832833109192'],
      ['schedule_confirmation5', 'pt_BR', 'APPROVED', '1145489599421404'],
      ['welcome_template3', 'en_US', 'REJECTED', '1214624639427985'],
    ],
  );
  t.match(stored[1]?.components, [{ type: 'HEADER' }, { type: 'BODY' }, { type: 'FOOTER' }, { type: 'BUTTONS' }]);
});

t.test('a template Meta no longer lists is marked DELETED by the next sync', async (t) => {
  const { sql, api, channels, deps, answerTwoPages } = await setUp(t);
  answerTwoPages();
  await syncTemplates(deps, channelsToSync(channels.live()));
  api.answerNext(LISTING, { status: 200, body: pages[1] });
  const [result] = await syncTemplates(deps, channelsToSync(channels.live(), 'Sales'));
  t.match(result, { ok: true, stored: 1, deleted: 2 });
  const deleted = await listTemplates(sql, { scope: 'all', status: 'DELETED', limit: 50 });
  t.same(deleted.map((x) => x.name).sort(), ['schedule_confirmation5', 'welcome_template3']);
});

t.test('a refused token is reported for its WABA, and nothing stored is touched', async (t) => {
  const { sql, api, channels, deps } = await setUp(t);
  api.answerNext(LISTING, { status: 400, body: { error: { message: 'Invalid OAuth access token.', code: 190 } } });
  const [result] = await syncTemplates(deps, channelsToSync(channels.live()));
  t.match(result, { ok: false, problem: /Invalid OAuth access token/ });
  t.same(await listTemplates(sql, { scope: 'all', limit: 50 }), []);
});

t.test('naming a channel without a WABA id is refused, naming what it lacks', async (t) => {
  const { channels } = await setUp(t);
  t.throws(() => channelsToSync(channels.live(), 'Other'), { code: 'OMNI_ERR_TEMPLATES_NO_WABA' });
  t.throws(() => channelsToSync(channels.live(), 'Nowhere'), { code: 'OMNI_ERR_CHANNEL_NOT_FOUND' });
});

t.test('an admin syncs over the API, audited; any caller lists, an agent only its channels’ WABAs', async (t) => {
  const { sql, app, answerTwoPages, salesId, otherId } = await setUp(t);
  const admin = await bearerHeaders(sql, 'admin');
  answerTwoPages();
  const synced = await app.inject({ method: 'POST', url: '/api/templates/sync', headers: admin, payload: {} });
  t.equal(synced.statusCode, 200);
  t.match(synced.json(), { results: [{ wabaId: WABA, ok: true, stored: 3 }] });
  const [audit] =
    await sql`select action, target_kind, target_id, detail from audit_log where action = 'templates.synced'`;
  t.match(audit, { target_kind: 'waba', target_id: WABA, detail: { channel: 'Sales', stored: 3, deleted: 0 } });

  const page = await app.inject({ url: '/api/templates?status=APPROVED&q=HELLO', headers: admin });
  t.match(page.json(), { templates: [{ name: 'hello_world', wabaId: WABA, status: 'APPROVED' }], nextCursor: null });
  const first = await app.inject({ url: '/api/templates?limit=2', headers: admin });
  const rest = await app.inject({ url: `/api/templates?limit=2&cursor=${first.json().nextCursor}`, headers: admin });
  t.same(
    [...first.json().templates, ...rest.json().templates].map((x: { name: string }) => x.name),
    ['hello_world', 'schedule_confirmation5', 'welcome_template3'],
    'pages follow one another',
  );

  await createScopedAgent(sql, 'sales@example.com', [salesId]);
  await createScopedAgent(sql, 'other@example.com', [otherId]);
  const salesAgent = { cookie: await loginCookie(app, 'sales@example.com') };
  const otherAgent = { cookie: await loginCookie(app, 'other@example.com') };
  t.equal((await app.inject({ url: '/api/templates', headers: salesAgent })).json().templates.length, 3);
  t.same((await app.inject({ url: '/api/templates', headers: otherAgent })).json().templates, []);
  const notSeen = await app.inject({ url: `/api/templates?channel=${salesId}`, headers: otherAgent });
  t.equal(notSeen.statusCode, 404);
  const refused = await app.inject({ method: 'POST', url: '/api/templates/sync', headers: salesAgent, payload: {} });
  t.equal(refused.statusCode, 403);
});

t.test('a status webhook signed by the WABA channel’s app updates the stored template', async (t) => {
  const { sql, app, channels, deps, answerTwoPages } = await setUp(t);
  answerTwoPages();
  await syncTemplates(deps, channelsToSync(channels.live()));
  const paused = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA,
        time: Math.floor(Date.now() / 1000) + 60,
        changes: [
          {
            field: 'message_template_status_update',
            value: {
              event: 'PAUSED',
              message_template_id: 1145489599421404,
              message_template_name: 'schedule_confirmation5',
              message_template_language: 'pt_BR',
              reason: 'NONE',
            },
          },
        ],
      },
    ],
  };
  const unsigned = { ...paused, entry: [{ ...paused.entry[0], time: paused.entry[0]!.time + 60 }] };
  t.equal((await postWebhook(app, 'whatsapp', paused, channelSigning('whatsapp', CHANNEL_APP_SECRET))).statusCode, 200);
  // Another app's secret may sign a change naming this WABA: it must change nothing.
  t.equal((await postWebhook(app, 'whatsapp', unsigned, channelSigning('whatsapp', 'another-app'))).statusCode, 401);
  const events = await sql<{ id: string }[]>`select id from messages where type = 'template_status'`;
  await fileItems(
    sql,
    events.map((e) => Number(e.id)),
  );
  const [row] = await listTemplates(sql, { scope: 'all', q: 'schedule', limit: 1 });
  t.equal(row?.status, 'PAUSED');

  // The category webhook of Meta's reference names a template this WABA never listed: nothing is added.
  const { body } = loadFixture('whatsapp', 'whatsapp-template-category-update');
  await postWebhook(app, 'whatsapp', body, channelSigning('whatsapp', CHANNEL_APP_SECRET));
  const categories = await sql<{ id: string }[]>`select id from messages where type = 'template_category'`;
  await fileItems(
    sql,
    categories.map((e) => Number(e.id)),
  );
  t.equal((await listTemplates(sql, { scope: 'all', limit: 50 })).length, 3);
});

t.test('the scheduled round syncs a WABA not synced within its interval, and only that', async (t) => {
  const { api, channels, deps, answerTwoPages } = await setUp(t);
  const scheduled = { ...deps, channels: () => channels.live(), logger: silentLogger, intervalHours: 24 };
  answerTwoPages();
  t.match(await syncTemplatesOnSchedule(scheduled), [{ wabaId: WABA, ok: true, stored: 3 }]);
  t.same(await syncTemplatesOnSchedule(scheduled), [], 'synced minutes ago: not due');

  api.answerNext(LISTING, { status: 200, body: pages[1] });
  const periodic = startPeriodicTemplateSync({ ...scheduled, intervalHours: 0.000001, firstDelayMs: 0 });
  await waitFor('a scheduled listing', async () => api.requests.filter((r) => LISTING.test(r.path)).length >= 3);
  await periodic.stop();
  const off = startPeriodicTemplateSync({ ...scheduled, intervalHours: 0, firstDelayMs: 0 });
  await off.stop();
});
