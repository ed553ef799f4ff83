import t from 'tap';
import { verifyPassword } from '../../src/auth/password.js';
import { DEV_ADMIN_EMAIL, ensureDevAdmin } from '../../src/runtime/dev-admin.js';
import { findLoginCandidate } from '../../src/store/agents.js';
import { createTestDatabase } from '../helpers/database.js';

t.test('the embedded mode creates a development admin once, keeping only its password hash', async (t) => {
  const { sql } = await createTestDatabase(t);
  const created = await ensureDevAdmin(sql);
  t.equal(created?.email, DEV_ADMIN_EMAIL);
  const { found: stored } = await findLoginCandidate(sql, DEV_ADMIN_EMAIL);
  t.equal(stored?.agent.role, 'admin');
  t.not(stored?.passwordHash, created?.password, 'the password itself is not stored');
  t.ok(await verifyPassword(created!.password, stored!.passwordHash), 'the printed password logs in');
  t.equal(await ensureDevAdmin(sql), undefined, 'no second admin once an agent exists');
});
