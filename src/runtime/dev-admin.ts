import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/password.js';
import { insertAgent } from '../store/agents.js';
import type { Sql } from '../store/database.js';

export const DEV_ADMIN_EMAIL = 'admin@omni.local';

/**
 * For the zero-setup embedded mode: when no agent exists yet, creates a development admin with a
 * random password and returns the credentials (printed once by the caller; only the hash is kept).
 */
export async function ensureDevAdmin(sql: Sql): Promise<{ email: string; password: string } | undefined> {
  const [{ count }] = await sql<{ count: number }[]>`select count(*)::int as count from agents`;
  if (count > 0) return undefined;
  const password = randomBytes(12).toString('base64url');
  await insertAgent(sql, {
    email: DEV_ADMIN_EMAIL,
    name: 'Development admin',
    role: 'admin',
    passwordHash: await hashPassword(password),
  });
  return { email: DEV_ADMIN_EMAIL, password };
}
