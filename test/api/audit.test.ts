import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { createLocalMediaStore } from '../../src/media/local-media-store.js';
import { createTestApp } from '../helpers/app.js';
import { auditRows } from '../helpers/audit.js';
import { bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { openTestChannels, TEST_BOX } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { startFakePlatformApi } from '../helpers/fake-platform-api.js';
import { createTestQueue } from '../helpers/queue.js';

const SECRETS = {
  appSecret: 'app-secret-brazil-0001',
  verifyToken: 'verify-token-brazil-0002',
  accessToken: 'EAAG-access-token-brazil-0003',
  rotatedAppSecret: 'app-secret-brazil-ROTATED-0004',
  rotatedAccessToken: 'EAAG-access-token-ROTATED-0005',
  botToken: '7000000001:AAH-bot-token-of-the-support-bot-0006',
  webhookSecret: 'telegram-webhook-secret-0007',
};

t.test('the audit log over /api/audit', async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const platformApi = await startFakePlatformApi(t);
  const config = loadConfig({ GRAPH_API_BASE_URL: platformApi.url, TELEGRAM_API_BASE_URL: platformApi.url });
  const mediaDir = await mkdtemp(join(tmpdir(), 'omni-audit-'));
  t.teardown(() => rm(mediaDir, { recursive: true, force: true }));
  const { app } = await createTestApp(t, {
    sql,
    queue,
    channelSealing: { box: TEST_BOX, config },
    channels: await openTestChannels(t, sql, { platforms: {} }),
    mediaStore: createLocalMediaStore(mediaDir),
  });

  const { authorization, token: tokenText } = await bearerHeaders(sql, 'ops-token');
  const token = { authorization };
  const [tokenRow] = await sql<{ id: string }[]>`select id from api_tokens where name = 'ops-token'`;
  const admin = await createTestAgent(sql, 'admin@example.com');
  const adminSession = { cookie: await loginCookie(app, 'admin@example.com'), 'x-requested-with': 'test' };
  await createTestAgent(sql, 'agent@example.com', 'agent');
  const agentSession = { cookie: await loginCookie(app, 'agent@example.com'), 'x-requested-with': 'test' };
  const agentToken = {
    authorization: (await bearerHeaders(sql, 'agent-token', { role: 'agent', channelIds: [] })).authorization,
  };

  /** Sends a request and answers it with the audit rows it added. */
  const audited = async (
    headers: Record<string, string>,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) => {
    const before = (await auditRows(sql)).length;
    const response = await app.inject({ method, url, headers, payload });
    t.ok(response.statusCode < 300, `${method} ${url} answered ${response.statusCode}: ${response.body}`);
    return { response, rows: (await auditRows(sql)).slice(before) };
  };
  const byToken = { actor_kind: 'token', actor_id: tokenRow!.id, actor_name: 'ops-token', ip: '127.0.0.1' };
  const byAdmin = { actor_kind: 'agent', actor_id: String(admin.id), actor_name: 'admin@example.com', ip: '127.0.0.1' };

  const brazil = {
    platform: 'whatsapp',
    name: 'Brazil',
    phoneNumberId: '1001',
    wabaId: '2001',
    appSecret: SECRETS.appSecret,
    verifyToken: SECRETS.verifyToken,
    accessToken: SECRETS.accessToken,
  };
  const created = await audited(token, 'POST', '/api/channels', brazil);
  const id = String(created.response.json().channel.id);

  t.test('an agent, by session or token, gets 403', async (t) => {
    for (const headers of [agentSession, agentToken]) {
      const response = await app.inject({ method: 'GET', url: '/api/audit', headers });
      t.equal(response.statusCode, 403);
      t.equal(response.json().error.code, 'OMNI_ERR_AUTH_ADMIN_REQUIRED');
    }
  });

  t.test('each channel change over the API writes exactly one row: who, from where, what, which channel', async (t) => {
    t.match(created.rows, [
      {
        ...byToken,
        action: 'channel.created',
        target_kind: 'channel',
        target_id: id,
        detail: {
          platform: 'whatsapp',
          fields: { name: 'Brazil', accountId: '1001', wabaId: '2001' },
          secrets: ['accessToken', 'appSecret', 'verifyToken'],
          adopted: 0,
        },
      },
    ]);
    t.equal(created.rows.length, 1);

    const changes = { name: 'Brasil', appSecret: SECRETS.rotatedAppSecret, accessToken: SECRETS.rotatedAccessToken };
    const updated = await audited(adminSession, 'PATCH', `/api/channels/${id}`, changes);
    t.match(updated.rows, [
      {
        ...byAdmin,
        action: 'channel.updated',
        target_id: id,
        detail: { fields: { name: 'Brasil' }, secrets: ['accessToken', 'appSecret'], previousAppSecretUntil: String },
      },
    ]);
    t.equal(updated.rows.length, 1);

    const disabled = await audited(adminSession, 'PATCH', `/api/channels/${id}`, { enabled: false });
    t.match(disabled.rows, [{ ...byAdmin, action: 'channel.disabled', target_id: id, detail: {} }]);
    t.equal(disabled.rows.length, 1, 'an enabled flag alone is no update');

    const removed = await audited(token, 'DELETE', `/api/channels/${id}`);
    t.match(removed.rows, [{ ...byToken, action: 'channel.removed', target_id: id, detail: { name: 'Brasil' } }]);
    t.equal(removed.rows.length, 1);
  });

  t.test('a bot added with its webhook registered writes the add and the registration', async (t) => {
    const bot = {
      platform: 'telegram',
      name: 'Support bot',
      botToken: SECRETS.botToken,
      webhookSecret: SECRETS.webhookSecret,
      register: 'https://omni.example',
    };
    const { response, rows } = await audited(token, 'POST', '/api/channels', bot);
    const botId = String(response.json().channel.id);
    t.match(rows, [
      { ...byToken, action: 'channel.created', target_id: botId, detail: { secrets: ['botToken', 'webhookSecret'] } },
      {
        ...byToken,
        action: 'channel.webhook_registered',
        target_id: botId,
        detail: { url: 'https://omni.example/webhook/telegram', ok: true },
      },
    ]);
    t.equal(rows.length, 2);
  });

  t.test('no secret given to a channel appears anywhere in the audit log', async (t) => {
    const text = (await auditRows(sql)).map((row) => row.text).join('\n');
    for (const [name, secret] of Object.entries(SECRETS)) t.notOk(text.includes(secret), `no ${name}`);
    t.notOk(text.includes(tokenText), "nor the caller's token");
  });

  t.test('a contact export and erasure write one row each, with counts and never the person', async (t) => {
    const [contact] = await sql<{ id: string }[]>`
      insert into contacts (platform, account, external_id, display_name)
      values ('whatsapp', '1001', '5511999990000', 'Maria Silva') returning id`;
    const exported = await audited(adminSession, 'GET', `/api/contacts/${contact!.id}/export`);
    t.match(exported.rows, [{ ...byAdmin, action: 'contact.exported', target_id: contact!.id }]);
    t.equal(exported.rows.length, 1);
    const erased = await audited(adminSession, 'DELETE', `/api/contacts/${contact!.id}`);
    t.match(erased.rows, [
      {
        ...byAdmin,
        action: 'contact.erased',
        target_kind: 'contact',
        target_id: contact!.id,
        detail: { alreadyErased: false, messages: 0, conversations: 0 },
      },
    ]);
    t.equal(erased.rows.length, 1);
    t.notMatch(erased.rows[0]?.text, /Maria|5511999990000/, 'the row names no one');
  });

  t.test('an admin pages through the log newest first, and filters it', async (t) => {
    const all = (await auditRows(sql)).map((row) => Number(row.id)).reverse();
    t.ok(all.length >= 7, `${all.length} rows to page through`);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await app.inject({ method: 'GET', url: `/api/audit?limit=2${query}`, headers: adminSession });
      t.equal(page.statusCode, 200);
      const body = page.json();
      t.ok(body.entries.length <= 2);
      seen.push(...body.entries.map((entry: { id: number }) => entry.id));
      cursor = body.nextCursor;
    } while (cursor !== null);
    t.same(seen, all, 'every row once, newest first');

    const get = async (query: string) =>
      (await app.inject({ method: 'GET', url: `/api/audit?${query}`, headers: token })).json();
    const [first] = (await get('action=channel.created&limit=1')).entries;
    t.match(first, {
      id: Number,
      at: String,
      actor: { kind: 'token', id: Number(tokenRow!.id), name: 'ops-token' },
      action: 'channel.created',
      target: { kind: 'channel', id: String },
      ip: '127.0.0.1',
      detail: { platform: 'telegram' },
    });
    const channelActions = (await get('action=channel.*')).entries.map((e: { action: string }) => e.action);
    t.ok(channelActions.length >= 6 && channelActions.every((a: string) => a.startsWith('channel.')), 'an area');
    const byAgent = (await get(`actorKind=agent&actorId=${admin.id}`)).entries;
    t.ok(
      byAgent.length === 4 && byAgent.every((e: { actor: { name: string } }) => e.actor.name === 'admin@example.com'),
    );
    t.same((await get(`since=${new Date(Date.now() + 60_000).toISOString()}`)).entries, [], 'nothing in the future');
    t.equal((await get(`until=${new Date(Date.now() + 60_000).toISOString()}`)).entries.length, all.length);
    t.equal((await get(`targetKind=contact`)).entries.length, 2);

    const bad = await app.inject({ method: 'GET', url: '/api/audit?cursor=bm90LWEtY3Vyc29y', headers: adminSession });
    t.equal(bad.statusCode, 400);
    t.equal(bad.json().error.code, 'OMNI_ERR_API_BAD_REQUEST');
  });
});
