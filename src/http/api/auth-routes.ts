import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decoyPasswordHash, verifyPassword } from '../../auth/password.js';
import { generateToken, hashToken } from '../../auth/tokens.js';
import { findAgentByEmail } from '../../store/agents.js';
import type { Sql } from '../../store/database.js';
import { announceRevocation } from '../../store/revocations.js';
import { deleteSession, insertSession } from '../../store/sessions.js';
import { sendError } from '../error-reply.js';
import { selectScopeChannels } from '../../store/memberships.js';
import { authenticate, isJson, principalRole, principalScope, readCookie, SESSION_COOKIE } from './authenticate.js';
import { LoginLimiter, type LoginLimitOptions } from './login-limiter.js';
import { memberChannel } from './user-schemas.js';

export interface AuthRoutesOptions {
  sql: Sql;
  sessionTtlMs: number;
  loginLimit: LoginLimitOptions;
}

const agentSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
  },
};

function sessionCookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${secure}`;
}

/** `POST /api/login` (email and password → a session cookie), `GET /api/me` (the caller, its role and channels) and `POST /api/logout`. */
export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions) {
  const { sql } = options;
  const limiter = new LoginLimiter(options.loginLimit);

  app.post<{ Body: { email: string; password: string } }>(
    '/login',
    {
      schema: {
        security: [],
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', minLength: 1, maxLength: 320 },
            password: { type: 'string', minLength: 1, maxLength: 1024 },
          },
        },
        response: { 200: { type: 'object', properties: { agent: agentSchema } } },
      },
    },
    async (request, reply) => {
      if (!isJson(request)) return sendError(reply, 'OMNI_ERR_AUTH_CSRF_REJECTED');
      const { email, password } = request.body;
      const keys = [`ip:${request.ip}`, `email:${email.toLowerCase()}`];
      if (limiter.blocked(keys)) {
        request.log.warn({ ip: request.ip }, 'login rate limited');
        return sendError(reply, 'OMNI_ERR_AUTH_RATE_LIMITED');
      }
      const found = await findAgentByEmail(sql, email);
      const matches = await verifyPassword(password, found?.passwordHash ?? (await decoyPasswordHash()));
      if (!found || !matches) {
        limiter.fail(keys);
        return sendError(reply, 'OMNI_ERR_AUTH_LOGIN_FAILED');
      }
      const token = generateToken('oms');
      await insertSession(sql, {
        agentId: found.agent.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + options.sessionTtlMs),
      });
      reply.header('set-cookie', sessionCookie(request, token, Math.floor(options.sessionTtlMs / 1000)));
      return { agent: found.agent };
    },
  );

  // Who is calling and what it sees: a reloaded dashboard knows which conversations are "mine",
  // which channels to offer, and whether to show the admin's pages. `agent` is null for a token.
  app.get(
    '/me',
    {
      onRequest: authenticate(sql),
      schema: {
        response: {
          200: {
            type: 'object',
            properties: {
              agent: { ...agentSchema, type: ['object', 'null'] },
              token: {
                type: 'object',
                properties: { id: { type: 'integer' }, name: { type: 'string' } },
                description: 'the API token, when the caller is one',
              },
              role: { type: 'string', enum: ['agent', 'admin'] },
              channels: { type: 'array', items: memberChannel, description: 'the live channels it sees' },
            },
          },
        },
      },
    },
    async (request: FastifyRequest) => {
      const { principal } = request;
      const channels = await selectScopeChannels(sql, principalScope(principal));
      const role = principalRole(principal);
      if (principal?.kind === 'token') {
        return { agent: null, token: { id: principal.token.id, name: principal.token.name }, role, channels };
      }
      return { agent: principal?.agent ?? null, role, channels };
    },
  );

  app.post('/logout', { onRequest: authenticate(sql) }, async (request: FastifyRequest, reply: FastifyReply) => {
    const session = readCookie(request, SESSION_COOKIE);
    if (session !== undefined) {
      const tokenHash = hashToken(session);
      await deleteSession(sql, tokenHash);
      // Every server ends its event streams on this session.
      await announceRevocation(sql, { sessionHash: tokenHash.toString('hex') });
    }
    reply.header('set-cookie', sessionCookie(request, '', 0));
    return reply.code(204).send();
  });
}
