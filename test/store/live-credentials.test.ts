import t from 'tap';
import { revokeApiToken } from '../../src/store/api-tokens.js';
import { selectLiveCredentials } from '../../src/store/live-credentials.js';
import { insertSession } from '../../src/store/sessions.js';
import { bearerHeaders, createTestAgent } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';

t.test('only unexpired sessions of enabled agents and unrevoked tokens are live', async (t) => {
  const { sql } = await createTestDatabase(t);
  const enabled = await createTestAgent(sql, 'enabled@example.com');
  const disabled = await createTestAgent(sql, 'disabled@example.com');
  await sql`update agents set disabled_at = now() where id = ${disabled.id}`;
  const later = new Date(Date.now() + 3600_000);
  const sessions = {
    live: Buffer.alloc(32, 1),
    expired: Buffer.alloc(32, 2),
    ofDisabled: Buffer.alloc(32, 3),
  };
  await insertSession(sql, { agentId: enabled.id, tokenHash: sessions.live, expiresAt: later });
  await insertSession(sql, {
    agentId: enabled.id,
    tokenHash: sessions.expired,
    expiresAt: new Date(Date.now() - 1000),
  });
  await insertSession(sql, { agentId: disabled.id, tokenHash: sessions.ofDisabled, expiresAt: later });
  await bearerHeaders(sql, 'kept');
  await bearerHeaders(sql, 'revoked');
  await revokeApiToken(sql, 'revoked');
  const ids = Object.fromEntries(
    (await sql<{ id: string; name: string }[]>`select id, name from api_tokens`).map((row) => [
      row.name,
      Number(row.id),
    ]),
  );

  const live = await selectLiveCredentials(sql, {
    sessionHashes: [...Object.values(sessions).map((hash) => hash.toString('hex')), 'ff'.repeat(32)],
    tokenIds: [ids.kept!, ids.revoked!, 999_999],
  });
  t.same([...live.sessionHashes], [sessions.live.toString('hex')]);
  t.same([...live.tokenIds], [ids.kept]);
  t.same(await selectLiveCredentials(sql, { sessionHashes: [], tokenIds: [] }), {
    sessionHashes: new Set(),
    tokenIds: new Set(),
  });
});
