import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashToken } from '../../auth/tokens.js';
import type { Agent, AgentRole } from '../../store/agents.js';
import { findActiveApiToken, type ApiToken } from '../../store/api-tokens.js';
import type { ChannelScope } from '../../store/channel-scope.js';
import type { Sql } from '../../store/database.js';
import { findSessionAgent } from '../../store/sessions.js';
import { sendError } from '../error-reply.js';

export const SESSION_COOKIE = 'omni_session';

/**
 * Who is making an API request: an agent by session cookie (with the session's hash and end, which
 * an event stream is bound to), or an integration by bearer token, with the channels it sees
 * (every one for an admin).
 */
export type Principal =
  | { kind: 'agent'; agent: Agent; scope: ChannelScope; sessionHash: Buffer; expiresAt: Date }
  | { kind: 'token'; token: ApiToken; scope: ChannelScope };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * The session token a request's cookie carries (parsed by @fastify/cookie, registered with the API
 * routes). A value that does not decode is passed on as it came, and so simply finds no session.
 */
export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A preHandler that admits a request with a valid bearer token or session cookie, and answers 401
 * otherwise. A cookie is sent by the browser on its own, so a state-changing request that relies on
 * one must also be `application/json` or carry an `X-Requested-With` header (an upload's body is the
 * file, of its own type): a cross-site page can send neither without a CORS preflight, which Omni
 * never grants. SameSite=Strict is the first line; this is the second.
 */
export function authenticate(sql: Sql) {
  return async function authenticateRequest(request: FastifyRequest, reply: FastifyReply) {
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      const found = await findActiveApiToken(sql, hashToken(bearer));
      if (!found) return sendError(reply, 'OMNI_ERR_AUTH_REQUIRED');
      request.principal = { kind: 'token', ...found };
      return;
    }
    const session = sessionToken(request);
    if (session === undefined) return sendError(reply, 'OMNI_ERR_AUTH_REQUIRED');
    const sessionHash = hashToken(session);
    const found = await findSessionAgent(sql, sessionHash);
    if (!found) return sendError(reply, 'OMNI_ERR_AUTH_REQUIRED');
    if (!SAFE_METHODS.has(request.method) && !isJson(request) && request.headers['x-requested-with'] === undefined) {
      return sendError(reply, 'OMNI_ERR_AUTH_CSRF_REJECTED');
    }
    request.principal = { kind: 'agent', ...found, sessionHash };
  };
}

export function isJson(request: FastifyRequest): boolean {
  return /^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '');
}

/** The role a request acts with: its agent's, or its token's. */
export function principalRole(principal: Principal | undefined): AgentRole | undefined {
  if (!principal) return undefined;
  return principal.kind === 'agent' ? principal.agent.role : principal.token.role;
}

/** The channels a request sees; nothing at all before `authenticate` has run. */
export function principalScope(principal: Principal | undefined): ChannelScope {
  return principal?.scope ?? [];
}

/** A preHandler for admin-only routes, after `authenticate`: an admin's session or an admin token. */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
  if (principalRole(request.principal) !== 'admin') return sendError(reply, 'OMNI_ERR_AUTH_ADMIN_REQUIRED');
}
