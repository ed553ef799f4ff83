import t from 'tap';
import { hashToken } from '../../src/auth/tokens.js';
import { REVOCATIONS_CHANNEL } from '../../src/store/revocations.js';
import { findSessionAgent, insertSession } from '../../src/store/sessions.js';
import { resolveChannelRefs } from '../../src/users/channel-refs.js';
import { createUser, updateUser } from '../../src/users/manage-users.js';
import { addTestChannel, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { waitFor } from '../helpers/wait-for.js';

const ADMIN = { actor: { kind: 'agent' as const, id: 1, name: 'Root' }, ip: '203.0.113.9' };
const PASSWORD = 'a long enough passphrase';

t.test('managing users', async (t) => {
  const { sql } = await createTestDatabase(t);
  const brazil = (await addTestChannel(sql, whatsAppChannel('Brazil', '1001'))).channel;
  const chile = (await addTestChannel(sql, whatsAppChannel('Chile', '1002'))).channel;
  const support = (
    await addTestChannel(sql, {
      platform: 'messenger',
      name: 'Brazil',
      pageId: '3001',
      appSecret: 'messenger-app-secret',
      verifyToken: 'verify-3001',
      accessToken: 'EAAG-page-token-3001',
    })
  ).channel;
  const revocations: string[] = [];
  await sql.listen(REVOCATIONS_CHANNEL, (payload) => revocations.push(payload));
  const newUser = (email: string, channelIds: number[] = []) =>
    createUser(sql, ADMIN, { email, name: 'Ana', role: 'agent', password: PASSWORD, channelIds });
  const session = async (agentId: number, token: string) => {
    await insertSession(sql, { agentId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 60_000) });
    return () => findSessionAgent(sql, hashToken(token));
  };

  t.test(
    'a channel is named <platform>/<name>, by a name one platform has, or by id; the error names the field',
    async (t) => {
      t.same(await resolveChannelRefs(sql, ['whatsapp/brazil', 'Chile', String(support.id), chile.id], '--channel'), [
        brazil.id,
        chile.id,
        support.id,
      ]);
      await t.rejects(resolveChannelRefs(sql, ['Peru'], '--channel'), {
        code: 'OMNI_ERR_USER_CHANNEL_UNKNOWN',
        statusCode: 400,
        message: /^--channel: No channel is named "Peru"/,
      });
      await t.rejects(resolveChannelRefs(sql, [9999], 'channelIds'), {
        message: /^channelIds: No channel has the id 9999/,
      });
      await t.rejects(resolveChannelRefs(sql, ['Brazil'], '--channel'), {
        code: 'OMNI_ERR_CHANNEL_AMBIGUOUS',
        message: /^--channel: Several channels are named "Brazil"/,
      });
    },
  );

  t.test('a created user is a member of its channels, and the audit row holds no password', async (t) => {
    const user = await newUser('ana@example.com', [brazil.id, chile.id]);
    t.match(user, { email: 'ana@example.com', role: 'agent', disabled: false });
    t.same(
      user.channels.map((c) => c.id),
      [brazil.id, chile.id],
    );
    const [audit] = await sql`select * from audit_log where action = 'user.created' and target_id = ${String(user.id)}`;
    t.match(audit, { actor_kind: 'agent', actor_id: '1', actor_name: 'Root', target_kind: 'user', ip: '203.0.113.9' });
    t.same(audit!.detail, { email: 'ana@example.com', name: 'Ana', role: 'agent', channelIds: [brazil.id, chile.id] });
    t.notMatch(JSON.stringify(audit), PASSWORD);
    await t.rejects(newUser('ANA@example.com'), { code: 'OMNI_ERR_USER_EXISTS', statusCode: 409 });
    await t.rejects(newUser('not-an-email'), { code: 'OMNI_ERR_USER_INVALID', message: /email address/ });
  });

  t.test('an update adds and removes channels and changes the role, audited as what really changed', async (t) => {
    const user = await newUser('bo@example.com', [brazil.id]);
    const updated = await updateUser(sql, ADMIN, user.id, {
      name: 'Bo',
      addChannelIds: [chile.id, brazil.id],
      removeChannelIds: [support.id],
    });
    t.same(
      updated.channels.map((c) => c.id),
      [brazil.id, chile.id],
      'removing a channel it was not in changes nothing',
    );
    const replaced = await updateUser(sql, ADMIN, user.id, { role: 'admin', channelIds: [support.id] });
    t.match(replaced, {
      name: 'Bo',
      role: 'admin',
      channels: [{ id: support.id, platform: 'messenger', name: 'Brazil' }],
    });
    const audits =
      await sql`select detail from audit_log where action = 'user.updated' and target_id = ${String(user.id)} order by id`;
    t.same(
      audits.map((a) => a.detail),
      [
        { name: 'Bo', addedChannelIds: [chile.id] },
        { role: 'admin', addedChannelIds: [support.id], removedChannelIds: [brazil.id, chile.id] },
      ],
    );
    await t.rejects(updateUser(sql, ADMIN, user.id, { channelIds: [], addChannelIds: [brazil.id] }), {
      code: 'OMNI_ERR_USER_INVALID',
    });
    await t.rejects(updateUser(sql, ADMIN, 99999, { name: 'Nobody' }), {
      code: 'OMNI_ERR_USER_NOT_FOUND',
      statusCode: 404,
    });
  });

  t.test('disabling a user ends its sessions and announces its revocation; enabling lets it log in anew', async (t) => {
    const user = await newUser('cy@example.com', [brazil.id]);
    const found = await session(user.id, 'oms_cy-session');
    t.ok(await found());
    revocations.length = 0;
    t.match(await updateUser(sql, ADMIN, user.id, { disabled: true }), { disabled: true });
    t.notOk(await found(), 'the session is gone');
    await waitForRevocation(revocations, { agentId: user.id });
    t.match(await updateUser(sql, ADMIN, user.id, { disabled: false }), { disabled: false });
    const actions =
      await sql`select action from audit_log where target_kind = 'user' and target_id = ${String(user.id)} order by id`;
    t.same(
      actions.map((a) => a.action),
      ['user.created', 'user.disabled', 'user.enabled'],
    );
  });

  t.test('a password reset ends the sessions too, and its audit row holds no password', async (t) => {
    const user = await newUser('di@example.com');
    const found = await session(user.id, 'oms_di-session');
    const newPassword = 'another long passphrase';
    await updateUser(sql, ADMIN, user.id, { password: newPassword });
    t.notOk(await found());
    const [audit] =
      await sql`select * from audit_log where action = 'user.password_reset' and target_id = ${String(user.id)}`;
    t.same(audit!.detail, {});
    t.notMatch(JSON.stringify(audit), newPassword);
    await t.rejects(updateUser(sql, ADMIN, user.id, { password: 'short' }), { message: /at least 12/ });
  });

  t.test('losing a channel ends its event streams but keeps its sessions', async (t) => {
    const user = await newUser('ed@example.com', [brazil.id, chile.id]);
    const found = await session(user.id, 'oms_ed-session');
    revocations.length = 0;
    await updateUser(sql, ADMIN, user.id, { removeChannelIds: [chile.id] });
    await waitForRevocation(revocations, { agentId: user.id });
    t.same((await found())?.scope, [brazil.id]);
  });
});

/** Resolves once the revocation arrived over LISTEN (it is sent on commit). */
async function waitForRevocation(received: string[], expected: object): Promise<void> {
  await waitFor('the revocation', async () => received.includes(JSON.stringify(expected)));
}
