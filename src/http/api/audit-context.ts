import type { FastifyRequest } from 'fastify';
import type { AuditContext } from '../../users/manage-users.js';

/** Who made an authenticated request and from where, as its audit rows name them. */
export function requestAuditContext(request: FastifyRequest): AuditContext {
  const principal = request.principal;
  // Every /api route that changes something runs after `authenticate`; a missing principal is a wiring bug.
  if (!principal) throw new Error('an audited request must be authenticated first');
  const actor =
    principal.kind === 'agent'
      ? { kind: 'agent' as const, id: principal.agent.id, name: principal.agent.name }
      : { kind: 'token' as const, id: principal.token.id, name: principal.token.name };
  return { actor, ip: request.ip };
}
