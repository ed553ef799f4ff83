import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { endpointPolicy } from '../../src/endpoints/endpoint-policy.js';
import { createLocalMediaStore } from '../../src/media/local-media-store.js';
import { AGENT_PASSWORD, bearerHeaders, createScopedAgent, createTestAgent, loginCookie } from '../helpers/auth.js';
import { addTestChannel, CHANNEL_APP_SECRET, TEST_BOX, whatsAppChannel } from '../helpers/channels.js';
import { openEventStream } from '../helpers/event-stream.js';
import { type Inbox, openTwoInboxes, storeInboxMedia } from '../helpers/inboxes.js';
import { pngImage } from '../helpers/media-files.js';

/**
 * Who passes a route: `public` everyone, even without credentials; `anyone` every authenticated
 * caller (a list shows each only its channels); `member` those who see channel A, whose record the
 * route is asked for (an agent of B gets 404, as for an id that does not exist); `admin` admins
 * only (agents and agent tokens get 403). Without credentials, every route but a public one is 401.
 */
type Rule = 'public' | 'anyone' | 'member' | 'admin';

/** A route's rule, the exact status of a caller it lets through, and the body every caller sends (a Buffer: a PNG; a function: made from the ids asked for). */
interface Access {
  rule: Rule;
  passes: number;
  payload?: object | Buffer | ((ids: Ids) => object);
}

const ADMIN_EMAIL = 'root@example.com';

/** Every route of the API document, in the order the matrix calls them. */
const ACCESS: Record<string, Access> = {
  'POST /api/login': { rule: 'public', passes: 200, payload: { email: ADMIN_EMAIL, password: AGENT_PASSWORD } },
  'GET /api/me': { rule: 'anyone', passes: 200 },
  'GET /api/conversations': { rule: 'anyone', passes: 200 },
  'GET /api/conversations/unread-counts': { rule: 'anyone', passes: 200 },
  'GET /api/conversations/{id}': { rule: 'member', passes: 200 },
  'GET /api/conversations/{id}/messages': { rule: 'member', passes: 200 },
  'POST /api/conversations/{id}/messages': { rule: 'member', passes: 202, payload: { text: 'On its way' } },
  'POST /api/conversations/{id}/read': { rule: 'member', passes: 200, payload: {} },
  'POST /api/conversations/{id}/assign': { rule: 'member', passes: 200, payload: { agentId: null } },
  'POST /api/conversations/{id}/close': { rule: 'member', passes: 200 },
  'POST /api/conversations/{id}/reopen': { rule: 'member', passes: 200 },
  'GET /api/conversations/{id}/labels': { rule: 'member', passes: 200 },
  // Adding a label it has and removing one it lacks change nothing: 200 for each caller.
  'POST /api/conversations/{id}/labels': { rule: 'member', passes: 200, payload: { label: 'vip' } },
  'DELETE /api/conversations/{id}/labels/{label}': { rule: 'member', passes: 200 },
  'GET /api/conversations/{id}/notes': { rule: 'member', passes: 200 },
  'POST /api/conversations/{id}/notes': { rule: 'member', passes: 201, payload: { text: 'A private note' } },
  'GET /api/contacts/{id}': { rule: 'member', passes: 200 },
  'GET /api/contacts/{id}/avatar': { rule: 'member', passes: 200 },
  'GET /api/contacts/{id}/export': { rule: 'admin', passes: 200 },
  'DELETE /api/contacts/{id}': { rule: 'admin', passes: 200 },
  // Merging again into the same contact, and unmerging a contact on its own, change nothing: 200 for each caller.
  'POST /api/contacts/{id}/merge': { rule: 'member', passes: 200, payload: (ids) => ({ into: ids.partner }) },
  'POST /api/contacts/{id}/unmerge': { rule: 'member', passes: 200 },
  'GET /api/contact-suggestions': { rule: 'anyone', passes: 200 },
  'GET /api/media/{id}': { rule: 'member', passes: 200 },
  'POST /api/uploads': { rule: 'anyone', passes: 201, payload: pngImage() },
  'GET /api/channels': { rule: 'anyone', passes: 200 },
  'POST /api/channels': { rule: 'admin', passes: 201, payload: whatsAppChannel('Peru', '100000000000004') },
  'GET /api/channels/unrouted': { rule: 'admin', passes: 200 },
  'GET /api/channels/platforms': { rule: 'admin', passes: 200 },
  'GET /api/channels/{id}': { rule: 'member', passes: 200 },
  'PATCH /api/channels/{id}': { rule: 'admin', passes: 200, payload: { enabled: false } },
  'DELETE /api/channels/{id}': { rule: 'admin', passes: 200 },
  'GET /api/users': { rule: 'admin', passes: 200 },
  'POST /api/users': {
    rule: 'admin',
    passes: 201,
    payload: { email: 'new@example.com', name: 'New Agent', role: 'agent', password: AGENT_PASSWORD },
  },
  'PATCH /api/users/{id}': { rule: 'admin', passes: 200, payload: { name: 'Support Agent' } },
  'GET /api/tokens': { rule: 'admin', passes: 200 },
  'POST /api/tokens': { rule: 'admin', passes: 201, payload: { name: 'new-bot', role: 'admin' } },
  'DELETE /api/tokens/{id}': { rule: 'admin', passes: 204 },
  'GET /api/endpoints': { rule: 'admin', passes: 200 },
  'POST /api/endpoints': {
    rule: 'admin',
    passes: 201,
    payload: { url: 'https://hooks.example.com/omni', events: ['message.received'] },
  },
  'GET /api/endpoints/{id}/deliveries': { rule: 'admin', passes: 200 },
  'POST /api/endpoints/{id}/disable': { rule: 'admin', passes: 200 },
  'POST /api/endpoints/{id}/enable': { rule: 'admin', passes: 200 },
  'DELETE /api/endpoints/{id}': { rule: 'admin', passes: 204 },
  'GET /api/audit': { rule: 'admin', passes: 200 },
  'GET /api/status': { rule: 'admin', passes: 200 },
  'GET /api/templates': { rule: 'anyone', passes: 200 },
  'POST /api/templates/sync': { rule: 'admin', passes: 200, payload: {} },
  'GET /api/canned-responses': { rule: 'anyone', passes: 200 },
  'POST /api/canned-responses': { rule: 'admin', passes: 201, payload: { shortcode: 'thanks', text: 'Thank you!' } },
  'PATCH /api/canned-responses/{id}': { rule: 'admin', passes: 200, payload: { text: 'Thanks a lot!' } },
  'DELETE /api/canned-responses/{id}': { rule: 'admin', passes: 200 },
  'GET /api/events': { rule: 'anyone', passes: 200 },
  // Last: it ends the sessions every row above is sent with.
  'POST /api/logout': { rule: 'anyone', passes: 204 },
};

/** Refusals first, so no refusal can be explained by a change an earlier caller made. */
const CALLERS = ['nobody', 'agentB', 'tokenA', 'agentA', 'admin'] as const;
type Caller = (typeof CALLERS)[number];

/** The status `caller` gets from a route under `access`. */
function expectedStatus(access: Access, caller: Caller): number {
  if (access.rule === 'public') return access.passes;
  if (caller === 'nobody') return 401;
  if (access.rule === 'admin') return caller === 'admin' ? access.passes : 403;
  if (access.rule === 'member' && caller === 'agentB') return 404;
  return access.passes;
}

/** The error code each refusal answers with (a 404 names what it did not find). */
const REFUSALS: Record<number, RegExp> = {
  401: /^OMNI_ERR_AUTH_REQUIRED$/,
  403: /^OMNI_ERR_AUTH_ADMIN_REQUIRED$/,
  404: /^OMNI_ERR_(API|CHANNEL)_NOT_FOUND$/,
};

/** The record each `{id}` names, by the collection before it; `partner`: another contact of its channel, to merge with. */
type Ids = Record<
  | 'conversations'
  | 'contacts'
  | 'media'
  | 'channels'
  | 'users'
  | 'canned-responses'
  | 'tokens'
  | 'endpoints'
  | 'partner',
  number
>;

function urlOf(path: string, ids: Ids): string {
  return path
    .replace(/^\/api\/([\w-]+)\/\{id\}/, (_, kind: keyof Ids) => `/api/${kind}/${ids[kind]}`)
    .replace('{label}', 'vip');
}

t.test('every /api route admits exactly the callers its rule names', async (t) => {
  const { sql, app, a, b, unroutedConversationId } = await openTwoInboxes(t, {
    apiDocs: true,
    liveEvents: true,
    mediaStore: createLocalMediaStore(t.testdir()),
    channelSealing: { box: TEST_BOX, config: loadConfig({}) },
    endpointPolicy: endpointPolicy(loadConfig({}).endpoints),
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  await createTestAgent(sql, ADMIN_EMAIL, 'admin');
  await createScopedAgent(sql, 'sales@example.com', [a.channelId]);
  const support = await createScopedAgent(sql, 'support@example.com', [b.channelId]);
  // Sessions name themselves as the dashboard's script does, so an upload (not JSON) passes the CSRF check.
  const session = async (email: string) => ({ cookie: await loginCookie(app, email), 'x-requested-with': 'omni' });
  const tokenA = await bearerHeaders(sql, 'sales-bot', { role: 'agent', channelIds: [a.channelId] });
  const headers: Record<Caller, Record<string, string>> = {
    nobody: {},
    agentB: await session('support@example.com'),
    tokenA: { authorization: tokenA.authorization },
    agentA: await session('sales@example.com'),
    admin: await session(ADMIN_EMAIL),
  };
  await storeInboxMedia(app, sql, headers.admin, [a, b]);

  const spare = (await addTestChannel(sql, whatsAppChannel('Spare', '100000000000009'))).channel;
  // What the token and endpoint routes revoke and remove: a token nobody here sends, an endpoint of its own.
  await bearerHeaders(sql, 'spare-bot');
  const [spareToken] = await sql<{ id: string }[]>`select id from api_tokens where name = 'spare-bot'`;
  const [spareEndpoint] = await sql<{ id: string }[]>`
    insert into endpoints (url, event_types, secret) values ('https://spare.example.com/', '{*}', 'whsec_spare') returning id`;
  const [unrouted] = await sql<{ contact_id: string }[]>`
    select contact_id from conversations where id = ${unroutedConversationId}`;
  const [partner] = await sql<{ id: string }[]>`
    insert into contacts (platform, account, channel_id, external_id)
    values ('whatsapp', '100000000000001', ${a.channelId}, '447700900123') returning id`;
  const [canned] = await sql<{ id: string }[]>`
    insert into canned_responses (shortcode, text) values ('hello', 'Hello!') returning id`;
  const memberIds = (inbox: Inbox): Ids => ({
    conversations: inbox.conversationId,
    contacts: inbox.contactId,
    media: inbox.attachmentId,
    channels: inbox.channelId,
    users: support.id,
    'canned-responses': Number(canned!.id),
    tokens: Number(spareToken!.id),
    endpoints: Number(spareEndpoint!.id),
    partner: Number(partner!.id),
  });
  // What the admin routes change or erase: a channel and a contact nothing else here uses, and agent B's name.
  const adminIds: Ids = { ...memberIds(a), contacts: Number(unrouted!.contact_id), channels: spare.id };

  const send = async (route: string, caller: Caller, ids: Ids): Promise<{ statusCode: number; body?: string }> => {
    const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'DELETE', string];
    const url = urlOf(path, ids);
    if (route === 'GET /api/events') {
      const stream = await openEventStream(t, `${address}${url}`, headers[caller]);
      stream.response.destroy();
      return { statusCode: stream.response.statusCode! };
    }
    const { payload: given } = ACCESS[route]!;
    const payload = typeof given === 'function' ? given(ids) : given;
    const type = Buffer.isBuffer(payload) ? { 'content-type': 'image/png' } : {};
    return app.inject({ method, url, headers: { ...headers[caller], ...type }, payload });
  };

  t.test('the table names every /api route of the API document, and no other', async (t) => {
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    const documented = Object.entries<Record<string, unknown>>(document.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    t.same(documented.sort(), Object.keys(ACCESS).sort());
  });

  t.test('GET /api/channels and GET /api/channels/{id} show no caller a channel secret', async (t) => {
    const secrets = ['100000000000001', '100000000000002', '100000000000009'].flatMap((number) => [
      `verify-${number}`,
      `EAAG-token-${number}`,
    ]);
    for (const caller of CALLERS) {
      for (const url of ['/api/channels', `/api/channels/${a.channelId}`]) {
        const { body } = await app.inject({ method: 'GET', url, headers: headers[caller] });
        for (const secret of [CHANNEL_APP_SECRET, ...secrets]) t.notOk(body.includes(secret), `${caller} ${url}`);
      }
    }
  });

  t.test(
    'each caller gets its rule’s status: 401 without credentials, 403 for an agent at an admin route (POST /api/channels: 201 for an admin), 404 for an agent of B at A’s records',
    async (t) => {
      for (const [route, access] of Object.entries(ACCESS)) {
        for (const caller of CALLERS) {
          const ids = access.rule === 'admin' ? adminIds : memberIds(a);
          const response = await send(route, caller, ids);
          const status = expectedStatus(access, caller);
          t.equal(response.statusCode, status, `${route} as ${caller}`);
          if (REFUSALS[status] && response.body) {
            t.match(JSON.parse(response.body).error.code, REFUSALS[status], `${route} as ${caller}: its code`);
          }
        }
        if (access.rule !== 'member') continue;
        // And the other way round: channel B's records do not exist for those of A, whatever they ask.
        for (const caller of ['tokenA', 'agentA'] as const) {
          const response = await send(route, caller, memberIds(b));
          t.equal(response.statusCode, 404, `${route} of channel B as ${caller}`);
          t.match(
            JSON.parse(response.body!).error.code,
            REFUSALS[404]!,
            `${route} of channel B as ${caller}: its code`,
          );
        }
      }
    },
  );
});
