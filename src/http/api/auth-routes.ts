import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decoyPasswordHash, verifyPassword } from '../../auth/password.js';
import { generateToken, hashToken } from '../../auth/tokens.js';
import type { Sql } from '../../store/database.js';
import { findLoginCandidate } from '../../store/agents.js';
import { selectScopeChannels } from '../../store/memberships.js';
import { announceRevocation } from '../../store/revocations.js';
import { deleteSession, insertSession } from '../../store/sessions.js';
import { sendError } from '../error-reply.js';
import { authenticate, isJson, principalRole, principalScope, SESSION_COOKIE, sessionToken } from './authenticate.js';
import { LoginLimiter, type LoginLimitOptions } from './login-limiter.js';
import { errorResponses, noBody, nullableObjectOf, objectOf } from './schema-shapes.js';
import { memberChannel } from './user-schemas.js';

export interface AuthRoutesOptions {
  sql: Sql;
  sessionTtlMs: number;
  loginLimit: LoginLimitOptions;
}

const agentFields = {
  id: { type: 'integer' },
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string', enum: ['agent', 'admin'] },
};

/** The session cookie: Secure whenever the request came over HTTPS (as TRUST_PROXY lets a proxy say). */
const SESSION_COOKIE_OPTIONS = { httpOnly: true, sameSite: 'strict', path: '/', secure: 'auto' } as const;

/** `POST /api/login` (email and password → a session cookie), `GET /api/me` (the caller, its role and channels) and `POST /api/logout`. */
export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions) {
  const { sql } = options;
  const limiter = new LoginLimiter(options.loginLimit);

  app.post<{ Body: { email: string; password: string } }>(
    '/login',
    {
      schema: {
        operationId: 'logIn',
        summary: 'Log in with email and password: sets the session cookie',
        tags: ['auth'],
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
        response: {
          200: objectOf({ agent: objectOf(agentFields) }),
          // 403: the body is not JSON, which a cross-site form could send.
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      if (!isJson(request)) return sendError(reply, 'OMNI_ERR_AUTH_CSRF_REJECTED');
      const { email, password } = request.body;
      const { emailKey, found } = await findLoginCandidate(sql, email);
      // The place is taken before the hash runs, with no await between the check and the count.
      const attempt = limiter.begin(request.ip, emailKey);
      if (!attempt) {
        request.log.warn({ ip: request.ip }, 'login rate limited');
        return sendError(reply, 'OMNI_ERR_AUTH_RATE_LIMITED');
      }
      const matches = await verifyPassword(password, found?.passwordHash ?? (await decoyPasswordHash()));
      if (!found || !matches) return sendError(reply, 'OMNI_ERR_AUTH_LOGIN_FAILED');
      attempt.succeeded();
      const token = generateToken('oms');
      await insertSession(sql, {
        agentId: found.agent.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + options.sessionTtlMs),
      });
      reply.setCookie(SESSION_COOKIE, token, {
        ...SESSION_COOKIE_OPTIONS,
        maxAge: Math.floor(options.sessionTtlMs / 1000),
      });
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
        operationId: 'getMe',
        summary: 'Who is calling: its agent or token, role and channels',
        tags: ['auth'],
        response: {
          200: objectOf(
            {
              agent: nullableObjectOf(agentFields, { description: 'the agent; null for a token' }),
              token: objectOf(
                { id: { type: 'integer' }, name: { type: 'string' } },
                { description: 'the API token, when the caller is one' },
              ),
              role: { type: 'string', enum: ['agent', 'admin'] },
              channels: { type: 'array', items: memberChannel, description: 'the live channels it sees' },
            },
            { optional: ['token'] },
          ),
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

  const logoutSchema = {
    operationId: 'logOut',
    summary: 'Log out: ends the session and its event streams',
    tags: ['auth'],
    response: { 204: noBody('Logged out; the cookie is cleared') },
  };
  app.post(
    '/logout',
    { onRequest: authenticate(sql), schema: logoutSchema },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const session = sessionToken(request);
      if (session !== undefined) {
        const tokenHash = hashToken(session);
        await deleteSession(sql, tokenHash);
        // Event streams opened with this session end on every server, not at their next check.
        await announceRevocation(sql, { sessionHash: tokenHash.toString('hex') });
      }
      reply.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS);
      return reply.code(204).send();
    },
  );
}
