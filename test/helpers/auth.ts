import type { FastifyInstance } from 'fastify';
import { createToken, type TokenAccess } from '../../src/cli/commands/token.js';
import { createUser } from '../../src/cli/commands/user.js';
import type { AgentRole } from '../../src/store/agents.js';
import type { SqlPool } from '../../src/store/database.js';

export const AGENT_PASSWORD = 'correct horse battery staple';

/**
 * An agent created the way `omni user create` does; an admin unless told otherwise, so a test of
 * something other than roles sees every channel.
 */
export function createTestAgent(sql: SqlPool, email = 'agent@example.com', role: AgentRole = 'admin') {
  return createUser(sql, { email, name: 'Test Agent', password: AGENT_PASSWORD, role });
}

/** Headers carrying a fresh API token, created the way `omni token create` does: an admin token unless told otherwise. */
export async function bearerHeaders(
  sql: SqlPool,
  name = 'test-token',
  access: Omit<TokenAccess, 'name'> = { role: 'admin', channelIds: [] },
): Promise<{ authorization: string; token: string }> {
  const token = await createToken(sql, { name, ...access });
  return { authorization: `Bearer ${token}`, token };
}

/** Logs in through the API and answers the `cookie` header value of the session. */
export async function loginCookie(app: FastifyInstance, email = 'agent@example.com'): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { email, password: AGENT_PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const setCookie = String(response.headers['set-cookie']);
  return setCookie.split(';')[0]!;
}

/** An agent of role `agent`, a member of these channels only, as `omni user create --channel` makes one. */
export function createScopedAgent(sql: SqlPool, email: string, channelIds: number[]) {
  const channel = channelIds.map(String);
  return createUser(sql, { email, name: 'Test Agent', password: AGENT_PASSWORD, role: 'agent', channel });
}
