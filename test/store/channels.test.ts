import t from 'tap';
import { adoptAccount } from '../../src/store/channel-adoption.js';
import {
  insertChannel as insertChannelIn,
  recordChannelError,
  recordChannelWebhooks,
  removeChannelRow,
  selectChannel,
  selectLiveChannels,
  updateChannelRow as updateChannelRowIn,
  upsertEnvironmentChannel,
} from '../../src/store/channels.js';
import { inTransaction, type SqlPool } from '../../src/store/database.js';
import { createTestDatabase } from '../helpers/database.js';

// The writes a unique index may refuse take a transaction (they run under a savepoint): one each here.
const insertChannel = (sql: SqlPool, channel: Parameters<typeof insertChannelIn>[1]) =>
  inTransaction(sql, (tx) => insertChannelIn(tx, channel));
const updateChannelRow = (sql: SqlPool, id: number, changes: Parameters<typeof updateChannelRowIn>[2]) =>
  inTransaction(sql, (tx) => updateChannelRowIn(tx, id, changes));

t.test('an account another live channel holds is refused, naming the field and the channel', async (t) => {
  const { sql } = await createTestDatabase(t);
  const first = await insertChannel(sql, { platform: 'whatsapp', name: 'Brazil', accountId: 'PN1' });
  await t.rejects(insertChannel(sql, { platform: 'whatsapp', name: 'Chile', accountId: 'PN1' }), {
    code: 'OMNI_ERR_CHANNEL_ACCOUNT_TAKEN',
    message: new RegExp(`^phoneNumberId: .*"Brazil", id ${first.id}`),
  });
  // Inside a transaction too: the refusal does not abort it, so the holder can still be named.
  await t.rejects(
    inTransaction(sql, (tx) => insertChannelIn(tx, { platform: 'whatsapp', name: 'Chile', accountId: 'PN1' })),
    { message: /"Brazil"/ },
  );
  t.ok(await insertChannel(sql, { platform: 'messenger', name: 'Brazil', accountId: 'PN1' }), 'another platform may');
});

t.test(
  'a name is unique per platform whatever its case, and a secret token per install, its holder unnamed',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    await insertChannel(sql, {
      platform: 'telegram',
      name: 'Support',
      accountId: '1',
      webhookSecretSha256: Buffer.alloc(32, 1),
    });
    await t.rejects(insertChannel(sql, { platform: 'telegram', name: 'support', accountId: '2' }), {
      code: 'OMNI_ERR_CHANNEL_NAME_TAKEN',
      message: /^name: /,
    });
    await t.rejects(
      insertChannel(sql, {
        platform: 'telegram',
        name: 'Sales',
        accountId: '3',
        webhookSecretSha256: Buffer.alloc(32, 1),
      }),
      // A secret can be guessed: the refusal must not confirm a guess by naming the channel that has it.
      { code: 'OMNI_ERR_CHANNEL_SECRET_TAKEN', message: 'webhookSecret: another channel uses this secret' },
    );
    const sales = await insertChannel(sql, { platform: 'telegram', name: 'Sales', accountId: '3' });
    await t.rejects(updateChannelRow(sql, sales.id, { name: 'SUPPORT' }), { code: 'OMNI_ERR_CHANNEL_NAME_TAKEN' });
  },
);

t.test('removing a channel deletes its secrets and frees its account and name, and keeps the row', async (t) => {
  const { sql } = await createTestDatabase(t);
  const row = await insertChannel(sql, {
    platform: 'whatsapp',
    name: 'Brazil',
    accountId: 'PN1',
    sealed: { app_secret: 'v1.a.b.c.d', access_token: 'v1.a.b.c.e' },
    secretHints: { accessToken: '…abcd' },
  });
  const removed = await removeChannelRow(sql, row.id);
  t.ok(removed?.removedAt);
  t.same(Object.values(removed?.sealed ?? {}), [null, null, null, null, null, null]);
  t.same(removed?.secretHints, {});
  t.same(await selectLiveChannels(sql), []);
  t.ok(await selectChannel(sql, row.id), 'its conversations still name it');
  t.ok(await insertChannel(sql, { platform: 'whatsapp', name: 'Brazil', accountId: 'PN1' }));
  t.equal(await removeChannelRow(sql, row.id), undefined, 'removed once only');
});

t.test('every channel write is announced on omni_channels with its id', async (t) => {
  const { sql } = await createTestDatabase(t);
  const heard: string[] = [];
  let hear: () => void = () => {};
  const listening = await sql.listen('omni_channels', (payload) => {
    heard.push(payload);
    hear();
  });
  t.teardown(() => listening.unlisten());
  const next = () => new Promise<void>((resolve) => (hear = resolve));
  let heardOne = next();
  const row = await insertChannel(sql, { platform: 'messenger', name: 'Page', accountId: 'P1' });
  await heardOne;
  heardOne = next();
  await updateChannelRow(sql, row.id, { enabled: false });
  await heardOne;
  t.same(heard, [String(row.id), String(row.id)]);
});

t.test('health: webhooks of many channels in one statement, and the last error', async (t) => {
  const { sql } = await createTestDatabase(t);
  const a = await insertChannel(sql, { platform: 'whatsapp', name: 'A', accountId: '1' });
  const b = await insertChannel(sql, { platform: 'whatsapp', name: 'B', accountId: '2' });
  const at = new Date('2026-12-01T10:00:00Z');
  await recordChannelWebhooks(sql, [a.id, b.id], at);
  await recordChannelWebhooks(sql, [a.id], new Date('2026-11-01T10:00:00Z'));
  t.same((await selectChannel(sql, a.id))?.lastWebhookAt, at, 'an older report does not move it back');
  t.same((await selectChannel(sql, b.id))?.lastWebhookAt, at);
  await recordChannelError(sql, b.id, 'token expired');
  t.equal((await selectChannel(sql, b.id))?.lastError, 'token expired');
  await updateChannelRow(sql, b.id, { enabled: false });
  t.equal((await selectChannel(sql, b.id))?.lastError, 'token expired', 'kept through other changes');
  await updateChannelRow(sql, b.id, { sealed: { access_token: 'v1.k.new' } });
  t.match(await selectChannel(sql, b.id), { lastError: null, lastErrorAt: null }, 'cleared by new secrets');
});

t.test(
  "a channel taking an account adopts that account's unrouted and catch-all conversations and contacts",
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const catchAll = await upsertEnvironmentChannel(sql, 'whatsapp');
    t.equal((await upsertEnvironmentChannel(sql, 'whatsapp')).id, catchAll.id, 'upserted once');
    const other = await insertChannel(sql, { platform: 'whatsapp', name: 'Other', accountId: 'PN9' });
    await sql`
    insert into contacts (platform, account, external_id, channel_id)
    values ('whatsapp', 'PN1', 'c1', null), ('whatsapp', 'PN1', 'c2', ${catchAll.id}), ('whatsapp', 'PN2', 'c3', null)`;
    await sql`
    insert into conversations (platform, account, conversation_key, channel_id) values
      ('whatsapp', 'PN1', 'k1', null), ('whatsapp', 'PN1', 'k2', ${catchAll.id}),
      ('whatsapp', 'PN1', 'k3', null), ('whatsapp', 'PN1', 'k3', ${catchAll.id}),
      ('whatsapp', 'PN1', 'k4', ${other.id}), ('whatsapp', 'PN2', 'k5', null)`;
    const channel = await insertChannel(sql, { platform: 'whatsapp', name: 'Brazil', accountId: 'PN1' });
    t.equal(await adoptAccount(sql, { id: channel.id, platform: 'whatsapp', accountId: 'PN1' }), 3);
    const conversations = await sql<{ key: string; channel: string | null }[]>`
    select conversation_key as key, channel_id as channel from conversations order by id`;
    t.same(
      conversations.map((c) => [c.key, c.channel === null ? null : Number(c.channel)]),
      [
        ['k1', channel.id],
        ['k2', channel.id],
        ['k3', channel.id],
        ['k3', catchAll.id],
        ['k4', other.id],
        ['k5', null],
      ],
      'a customer with two conversations keeps the second where it was; another channel keeps its own',
    );
    const contacts = await sql`select external_id from contacts where channel_id = ${channel.id} order by external_id`;
    t.same(
      contacts.map((c) => c.external_id),
      ['c1', 'c2'],
    );
  },
);

t.test('a stored channel named default blocks the environment channel, naming it', async (t) => {
  const { sql } = await createTestDatabase(t);
  await insertChannel(sql, { platform: 'telegram', name: 'default', accountId: '1' });
  await t.rejects(upsertEnvironmentChannel(sql, 'telegram'), {
    code: 'OMNI_ERR_CHANNEL_NAME_TAKEN',
    message: /rename it/,
  });
});

t.test(
  "creating the environment's channel files the platform's past from before channels under it, but not an account a channel holds",
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const brazil = await insertChannel(sql, { platform: 'whatsapp', name: 'Brazil', accountId: 'PN1' });
    await sql`
      insert into contacts (platform, account, external_id) values
        ('whatsapp', 'PN1', 'held'), ('whatsapp', 'PN2', 'old'), ('telegram', null, 'bot-user')`;
    await sql`
      insert into conversations (platform, account, conversation_key) values
        ('whatsapp', 'PN1', 'held'), ('whatsapp', 'PN2', 'old'), ('telegram', null, '42')`;
    const whatsapp = await upsertEnvironmentChannel(sql, 'whatsapp');
    const telegram = await upsertEnvironmentChannel(sql, 'telegram');
    await upsertEnvironmentChannel(sql, 'whatsapp');
    const rows = await sql<{ key: string; channel: string | null }[]>`
      select conversation_key as key, channel_id as channel from conversations
      union all select external_id, channel_id from contacts order by 1`;
    t.same(
      rows.map((r) => [r.key, r.channel === null ? null : Number(r.channel)]),
      [
        ['42', telegram.id],
        ['bot-user', telegram.id],
        ['held', null],
        ['held', null],
        ['old', whatsapp.id],
        ['old', whatsapp.id],
      ],
      `PN1 is Brazil's (id ${brazil.id}): its unrouted past stays unrouted`,
    );
  },
);
