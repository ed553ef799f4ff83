import type { FastifyInstance } from 'fastify';
import { createToken, type TokenAccess } from '../../src/cli/commands/token.js';
import { createUser } from '../../src/cli/commands/user.js';
import type { AgentRole } from '../../src/store/agents.js';
import type { Sql } from '../../src/store/database.js';

export const AGENT_PASSWORD = 'correct horse battery staple';

/**
 * An agent created the way `omni user create` does; an admin unless told otherwise, so a test of
 * something other than roles sees every channel.
 */
export function createTestAgent(sql: Sql, email = 'agent@example.com', role: AgentRole = 'admin') {
  return createUser(sql, { email, name: 'Test Agent', password: AGENT_PASSWORD, role });
}

/** Headers carrying a fresh API token, created the way `omni token create` does: an admin token unless told otherwise. */
export async function bearerHeaders(
  sql: Sql,
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

/** An agent of role `agent`, a member of these channels only (as `omni user create --channel` will make one). */
export async function createScopedAgent(sql: Sql, email: string, channelIds: number[]) {
  const agent = await createTestAgent(sql, email, 'agent');
  for (const channelId of channelIds) {
    await sql`insert into agent_channels (agent_id, channel_id) values (${agent.id}, ${channelId})`;
  }
  return agent;
}
